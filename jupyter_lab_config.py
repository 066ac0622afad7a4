# JupyterLab for this project (`make lab`). Each report notebook is a pair: the .ipynb a user
# opens and runs, and its jupytext .py (the reviewed source, kept in sync by jupytext on save).
# Showing both would list every notebook twice, so the lab hides the .py files.
c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)
c.ContentsManager.hide_globs = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "*.py"]
