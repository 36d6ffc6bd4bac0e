"""convviz.model"""
