"""Case files (dossiers): type, procedures and deadlines, workflow, deadline queue, views."""
