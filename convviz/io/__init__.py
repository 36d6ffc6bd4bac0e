"""convviz.io"""
