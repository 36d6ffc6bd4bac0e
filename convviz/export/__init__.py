"""convviz.export"""
