"""Check an architecture against the notes: a design file (YAML or JSON) in the notes' words, every name
linked to the graph, rules read from the graph's relations, findings with the facts and lines behind them.

    rg = load_rule_graph(build_path(build_dir))
    result = check_design(rg, parse_design(text))
"""

from kg.check.design import Design, DesignError, design_schema, parse_design
from kg.check.graph import RuleGraph, load_rule_graph
from kg.check.run import check_design

__all__ = ["Design", "DesignError", "RuleGraph", "check_design", "design_schema", "load_rule_graph", "parse_design"]
