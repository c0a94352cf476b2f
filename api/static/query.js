// SPARQL page: YASGUI (bundled) pointed at this server, with example queries over the ontology.
"use strict";
(function () {
  const {el} = KG;
  const P = `PREFIX kg: <https://w3id.org/heroku-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
`;
  const EXAMPLES = [
    ["Entities per class", `${P}SELECT ?class (COUNT(?entity) AS ?entities) WHERE {
  GRAPH <https://w3id.org/heroku-kg/graph/asserted> { ?entity a ?class . }
  FILTER(?class NOT IN (kg:Entity, kg:Statement, kg:SourceLine, kg:Limit))
} GROUP BY ?class ORDER BY DESC(?entities)`],
    ["Limits with units and lines", `${P}SELECT ?of ?limit ?value ?unit ?kind ?line WHERE {
  ?l a kg:Limit ; kg:limitOf/rdfs:label ?of ; rdfs:label ?limit ; kg:unitText ?unit ; kg:limitKind ?k ;
     prov:wasDerivedFrom/kg:line ?line .
  OPTIONAL { ?l kg:value ?v } OPTIONAL { ?l kg:minValue ?min ; kg:maxValue ?max }
  BIND(COALESCE(?v, CONCAT(STR(?min), "..", STR(?max))) AS ?value)
  BIND(STRAFTER(STR(?k), "#") AS ?kind)
} ORDER BY ?of LIMIT 200`],
    ["Facts with their source lines", `${P}SELECT ?subject ?relation ?object ?line ?text WHERE {
  ?st a kg:Statement ; rdf:subject/rdfs:label ?subject ; rdf:predicate ?p ; rdf:object/rdfs:label ?object ;
      prov:wasDerivedFrom [ kg:line ?line ; kg:sourceText ?text ] .
  ?p rdfs:label ?relation .
} ORDER BY ?line LIMIT 100`],
    ["What is not available or not allowed", `${P}SELECT ?subject ?relation ?object ?line WHERE {
  ?st a kg:Statement ; kg:negated true ; rdf:subject/rdfs:label ?subject ; rdf:predicate ?p ;
      rdf:object/rdfs:label ?object ; prov:wasDerivedFrom/kg:line ?line .
  OPTIONAL { ?p rdfs:label ?relation }
} ORDER BY ?line`],
    ["Relations used, most frequent first", `${P}SELECT ?relation (COUNT(*) AS ?facts) WHERE {
  ?st a kg:Statement ; rdf:predicate ?p .
  OPTIONAL { ?p rdfs:label ?label }
  BIND(COALESCE(?label, STR(?p)) AS ?relation)
} GROUP BY ?relation ORDER BY DESC(?facts)`],
  ];

  // No calls to lov.linkeddata.es: class and property completion would leave this server.
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters
    .filter((name) => name !== "class" && name !== "property");
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: `${location.origin}/sparql`, method: "POST"},
    copyEndpointOnNewTab: true,
    persistenceId: "heroku-kg-sparql",
    endpointCatalogueOptions: {getData: () => [{endpoint: `${location.origin}/sparql`}]},
    yasqe: {value: EXAMPLES[0][1]},
  });

  // Plain values in the table ("64", not "64"^^xsd:decimal), unless the user switches it off.
  const table = yasgui.getTab().getYasr().plugins.table;
  if (table && table.persistentConfig && table.persistentConfig.compact === undefined) table.persistentConfig.compact = true;

  function load(query) {
    const tab = yasgui.getTab();
    tab.setQuery(query);
    tab.query();
  }

  KG.header("/query");
  KG.fill(document.getElementById("examples"), 
    ...EXAMPLES.map(([title, query]) => el("button", {type: "button", class: "secondary",
      onclick: () => load(query)}, title)));
  if (new URLSearchParams(location.search).get("query")) yasgui.getTab().query();
  window.kgYasgui = yasgui;  // for the end-to-end test and the console
})();
