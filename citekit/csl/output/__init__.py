"""Format stage: output trees (spans that say what produced them) and the renderers that turn
them into text, HTML, RTF or Markdown."""
