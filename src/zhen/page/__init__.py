"""zhen/page"""
