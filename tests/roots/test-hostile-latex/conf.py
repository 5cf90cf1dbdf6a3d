# The project's LaTeX setup (conf.py at the repository root), in small.
extensions = ["myst_parser", "alliantie_kb"]
primary_domain = "kb"
language = "nl"
exclude_patterns = ["_build"]
kb_editions = {
    "2012": {"title": "Vijandige editie 2012", "organiser": "Proefalliantie", "root": "index"},
}
latex_engine = "xelatex"
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "polyglossia": "",
    "babel": r"\usepackage{babel}",
}
