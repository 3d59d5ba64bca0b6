project = "citekit Sphinx example"
extensions = ["citekit.sphinx"]
citekit_bibliography = ["../refs.bib"]
citekit_style = "apa"
