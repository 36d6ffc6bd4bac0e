"""convviz.ui"""
