"""Helpers for the course notebooks: what they show but a learner would not write.

plots (the plot style and shared drawings), tables, widgets (sliders and live figures),
checks (exercise feedback) and setup_check (the installation self-check). They import
nnlib; nnlib never imports them. Nothing happens at import.
"""
