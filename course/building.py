"""Building a class one method per cell, as notebook 05 does (section 2)."""


def add_to_class(Class):
    """Attach the function written below `@add_to_class(Class)` to Class, under its own name.

    Notebook 05, section 2, writes it out and explains it. Returns the decorator.
    """
    def attach(function):
        setattr(Class, function.__name__, function)
        return function
    return attach
