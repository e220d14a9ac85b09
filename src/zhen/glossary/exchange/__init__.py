"""zhen/glossary/exchange"""
