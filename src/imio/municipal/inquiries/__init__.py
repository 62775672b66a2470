"""Public inquiries on permits: notice, observations, closing report."""
