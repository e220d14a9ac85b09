"""zhen/suggest"""
