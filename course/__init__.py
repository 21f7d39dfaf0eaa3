"""Helpers for the course notebooks: what they show but a learner would not write.

data (the course's examples, weights and data sets, and the CSV reader), measures (what the
helpers compute again: the error after one step, the confusion counts), building (add_to_class,
from notebook 05), plots (the plot style and shared drawings), tables, widgets (sliders and live
figures), checks (exercise feedback) and setup_check (the installation self-check). They import
nnlib; nnlib never imports them. Nothing happens at import.
"""
