"""zhen/terms"""
