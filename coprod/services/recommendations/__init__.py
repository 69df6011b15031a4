"""Everything about recommendations: creating and moving them through the workflow, editing and
undo, the review queue and its decisions, lessons learnt, completions, owners, and the "You
said" summary.
"""
