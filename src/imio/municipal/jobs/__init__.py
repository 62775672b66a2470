"""Console scripts run by cron, on one scaffolding."""
