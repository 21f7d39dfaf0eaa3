"""The core every explorer is built on: a live figure, its controls, and the wiring between them.

A live figure is a matplotlib Figure drawn once; on every move only its named moving artists
are redrawn over a saved background (blitting), and the result is sent to the browser as a PNG
in an `ipywidgets.Image`. No new figure is built per move and no frontend extension is needed.
An `Explorer` holds the controls, the text panels and the live figure, calls one update
function on every change, and offers `static()`, a picture of its current state with a
description, for readers without a running kernel.

Nothing happens at import: ipywidgets and matplotlib are imported inside the functions.
"""

import io

import numpy as np


class LiveFigure:
    """A matplotlib Figure shown as an ipywidgets.Image; `redraw()` repaints the moving artists.

    figure: a matplotlib.figure.Figure whose static parts are already drawn.
    artists: dict of name -> artist, the parts that change between frames, in drawing order.
    Read or replace them by name: `live.artists["point"]`.
    text_layer: names of text artists among them to show as HTML text laid over the picture
    rather than drawn into it. A change to those alone, sent by `write()`, is a few kilobytes
    of text instead of a new picture, and a screen reader can read them; `picture()` draws
    them in, for a still picture. Show `view`, which holds the picture and that layer.
    """

    def __init__(self, figure, artists, text_layer=()):
        import ipywidgets
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure = figure
        self.artists = dict(artists)
        self.text_layer = {name: self.artists.pop(name) for name in text_layer}
        for artist in [*self.artists.values(), *self.text_layer.values()]:
            artist.set_animated(True)  # left out of canvas.draw(): part of no background
        self.canvas = FigureCanvasAgg(figure)
        width, height = self.canvas.get_width_height()
        self.image = ipywidgets.Image(format="png", layout=ipywidgets.Layout(width=f"{width}px", height=f"{height}px"))
        self.view = self.image
        if self.text_layer:
            # Both in the one cell of a grid, the text over the picture; both shrink together in a
            # narrow notebook, the text measured in fractions of the picture's width.
            self.image.layout = ipywidgets.Layout(grid_area="picture", width="100%", height="auto", margin="0px")
            self.layer = ipywidgets.HTML(layout=ipywidgets.Layout(grid_area="picture", width="100%", margin="0px"))
            self.view = ipywidgets.GridBox([self.image, self.layer], layout=ipywidgets.Layout(
                grid_template_areas='"picture"', grid_template_columns="100%", width="100%", max_width=f"{width}px"))
        self.canvas.draw()  # lays the figure out, so that the text layer's places can be measured
        self._places = {name: self._place(artist) for name, artist in self.text_layer.items()}
        self.redraw(background=True)

    def replace(self, name, new):
        """Swap the moving artist `name` for `new` (a contour cannot be updated in place)."""
        new.set_animated(True)
        self.artists[name].remove()
        self.artists[name] = new  # same name, same place in the drawing order
        return new

    def _render(self, artists):
        from PIL import Image

        self.canvas.restore_region(self._background)
        for artist in artists:
            self.figure.draw_artist(artist)
        rgb = np.asarray(self.canvas.buffer_rgba())[:, :, :3]
        png = io.BytesIO()
        Image.fromarray(rgb).save(png, format="png", compress_level=1)
        return png.getvalue()

    def redraw(self, background=False):
        """Repaint the moving artists over the saved background and update the image (and the
        text layer).

        background=True first redraws and saves the static parts too: needed only when they
        change, as when an axis must grow to fit a longer history.
        """
        if background:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self.image.value = self._render(self.artists.values())
        if self.text_layer:
            self.write()

    def picture(self):
        """The figure as it is now as PNG bytes, with the text layer drawn in."""
        if not self.text_layer:
            return self.image.value
        return self._render([*self.artists.values(), *self.text_layer.values()])

    def _place(self, text):
        """Where `text` sits in the picture, in pixels from its top left: (x, y, horizontal alignment)."""
        shown = text.get_text()
        text.set_text("0.0000")  # something to measure
        box = text.get_window_extent(self.canvas.get_renderer())
        text.set_text(shown)
        align = text.get_horizontalalignment()
        x = {"left": box.x0, "center": (box.x0 + box.x1) / 2, "right": box.x1}[align]
        return x, self.figure.bbox.height - (box.y0 + box.y1) / 2, align

    def write(self):
        """Update the text layer from its artists' texts: no new picture."""
        import html

        from matplotlib.colors import to_hex

        shift = {"left": "0", "center": "-50%", "right": "-100%"}
        width, height = self.canvas.get_width_height()
        spans = "".join(
            f'<span data-name="{name}" style="position: absolute; left: {100 * x / width:.3f}%; '
            f"top: {100 * y / height:.3f}%; transform: translate({shift[align]}, -50%); "
            f"color: {to_hex(artist.get_color())}; font-size: {100 * artist.get_fontsize() * self.figure.dpi / 72 / width:.4f}cqw"
            f'">{html.escape(artist.get_text())}</span>'
            for name, artist in self.text_layer.items() for x, y, align in [self._places[name]])
        self.layer.value = (f'<div class="course-text-layer" style="position: relative; width: 100%; '
                            f"aspect-ratio: {width} / {height}; container-type: inline-size; line-height: 1; "
                            f"white-space: nowrap; pointer-events: none; font-family: 'DejaVu Sans', Verdana, "
                            f'sans-serif">{spans}</div>')


def stand_in(widget_names):
    """The text a reader sees where a widget cannot be drawn: what it is, and what to do.

    A stored notebook (on a website, in an export, or before its cell has run) and a
    JupyterLab without ipywidgets show a widget's plain-text form instead of the widget.
    """
    return (f"[Interactive: {widget_names}. It needs a running kernel: run this cell in JupyterLab. "
            "If you have run it and still see this line, see notebook 00, section 5.]")


def with_stand_in(bundle, widget_names):
    """A widget's display bundle with `stand_in(widget_names)` as its plain-text form."""
    return {**bundle, "text/plain": stand_in(widget_names)}


def slider(description, value, low, high, step, kind="float", continuous=True):
    """One slider, in the course's size and style.

    kind: "float" (FloatSlider), "log" (FloatLogSlider: low and high are powers of 10, step
    in powers of 10), "int" (IntSlider) or "choice" (SelectionSlider: `low` is the list of
    (label, value) options and `high`, `step` are unused). continuous: update while dragging.
    """
    import ipywidgets

    common = dict(description=description, continuous_update=continuous,
                  style={"description_width": "7em"}, layout=ipywidgets.Layout(width="22em"))
    if kind == "choice":
        return ipywidgets.SelectionSlider(options=low, value=value, **common)
    if kind == "log":
        return ipywidgets.FloatLogSlider(value=value, base=10, min=low, max=high, step=step, **common)
    if kind == "int":
        return ipywidgets.IntSlider(value=value, min=low, max=high, step=step, **common)
    return ipywidgets.FloatSlider(value=value, min=low, max=high, step=step, readout_format=".2f", **common)


def button(description):
    """A push button in the course's size."""
    import ipywidgets

    return ipywidgets.Button(description=description, layout=ipywidgets.Layout(width="11em"))


def text_panel(height="5em", width="22em", math=False):
    """A text panel of fixed size, so the layout does not move as its text changes.

    math=True gives an HTMLMath panel, whose $...$ formulas JupyterLab typesets.
    """
    import ipywidgets

    kind = ipywidgets.HTMLMath if math else ipywidgets.HTML
    return kind(layout=ipywidgets.Layout(width=width, height=height, overflow="hidden"))


class Explorer:
    """Controls, text panels and a live figure, wired so that each change updates the rest.

    sliders: dict of name -> ipywidgets slider. panels: list of text widgets.
    live: a LiveFigure. update: called with every slider's value as a keyword argument; it
    fills the panels, redraws the figure, and returns one sentence describing the figure as
    it now is (the still picture's alt text). buttons: dict of name -> ipywidgets.Button,
    whose clicks the explorer wires itself. below=True puts the figure under the controls.
    """

    def __init__(self, sliders, panels, live, update, buttons=None, below=False):
        import ipywidgets

        self.sliders, self.panels, self.live = sliders, list(panels), live
        self.buttons = dict(buttons or {})
        self.text = self.panels[0]
        self.description = ""
        self._update, self._quiet = update, False
        row = [ipywidgets.HBox(list(self.buttons.values()))] if self.buttons else []
        controls = ipywidgets.VBox(list(sliders.values()) + row + self.panels)
        # Top-aligned, with fixed sizes inside, so nothing jumps when the numbers change.
        box = ipywidgets.VBox if below else ipywidgets.HBox
        self.view = box([controls, live.view], layout=ipywidgets.Layout(align_items="flex-start"))
        for slider in sliders.values():
            slider.observe(self.refresh, names="value")
        self.refresh()

    def values(self):
        """Every slider's current value, by name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def refresh(self, change=None):
        """Run the update with the sliders' current values."""
        if not self._quiet:
            self.description = self._update(**self.values())

    def set_values(self, **values):
        """Move several sliders at once, with one update at the end rather than one per slider.

        A value beyond a slider's end widens its range first (a slider would clip it).
        """
        self._quiet = True
        try:
            for name, value in values.items():
                slider = self.sliders[name]
                slider.min, slider.max = min(slider.min, np.floor(value)), max(slider.max, np.ceil(value))
                slider.value = value
        finally:
            self._quiet = False
        self.refresh()

    def static(self):
        """A still picture of the figure as it is now, with its text description."""
        from IPython.display import Image

        return Image(data=self.live.picture(), format="png", metadata={"alt": self.description})

    def _repr_mimebundle_(self, **kwargs):
        names = [slider.description for slider in self.sliders.values()]
        listed = (f"a slider for the {names[0]}" if len(names) == 1 else
                  f"sliders for the {', the '.join(names[:-1])} and the {names[-1]}")
        if self.buttons:
            listed += " and buttons " + ", ".join(f'"{b.description}"' for b in self.buttons.values())
        return with_stand_in(self.view._repr_mimebundle_(**kwargs), listed)
