"""Format stage: evaluation of CSL rendering elements for one item, and the passes over the
resulting output trees (sorting, disambiguation, grouping and collapsing, subsequent-author
substitution)."""
