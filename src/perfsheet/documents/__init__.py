"""The documents of the year, each composed the same way: check → layout → docx (申报表, 自评表, 监控表)."""
