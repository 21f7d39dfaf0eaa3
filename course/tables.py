"""Tables the notebooks show: arrays rendered as small HTML tables."""

import numpy as np


def data_table(input_vectors, targets, **columns):
    """An HTML table with one row per example: input vector, target, then any extra columns.

    input_vectors: (n, n_features); targets: (n,); each extra column: n values, shown
    rounded to 4 decimals when they are floats. Returns an IPython.display.HTML.
    """
    from IPython.display import HTML

    input_vectors = np.asarray(input_vectors)
    names = ["input vector", "target", *(name.replace("_", " ") for name in columns)]
    header = "".join(f"<th>{name}</th>" for name in names)
    rows = []
    for i, (input_vector, target) in enumerate(zip(input_vectors, targets)):
        cells = [f"[{', '.join(f'{v:g}' for v in input_vector)}]", f"{int(target)}"]
        cells += [_cell(values[i]) for values in columns.values()]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return HTML(f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _cell(value):
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.4f}"
    return str(value)


def feature_table(input_vectors, targets, feature_names, columns, rows=5, target_name="target"):
    """An HTML table of the first `rows` examples: the chosen feature `columns`, then the target.

    input_vectors: (n, n_features); targets: (n,); feature_names: n_features names;
    columns: indices of the features to show. Returns an IPython.display.HTML.
    """
    from IPython.display import HTML

    header = "".join(f"<th>{feature_names[c]}</th>" for c in columns) + f"<th>{target_name}</th>"
    body = "".join(
        "<tr>" + "".join(f"<td>{input_vectors[i, c]:g}</td>" for c in columns) + f"<td>{int(targets[i])}</td></tr>"
        for i in range(rows)
    )
    return HTML(f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")
