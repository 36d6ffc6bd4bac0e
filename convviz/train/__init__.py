"""convviz.train"""
