"""zhen/chinese"""
