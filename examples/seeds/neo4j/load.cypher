// casegraph: load into a running Neo4j. Every value is a parameter ($rows);
// load.json holds each statement with its rows (HTTP transaction format).
// Run the constraints first, in their own transaction.

CREATE CONSTRAINT IF NOT EXISTS FOR (n:Case) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT IF NOT EXISTS FOR (n:Facility) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT IF NOT EXISTS FOR (n:Location) REQUIRE n.id IS UNIQUE;

UNWIND $rows AS row MERGE (n:Case {id: row.id}) SET n += row.props;
UNWIND $rows AS row MERGE (n:Contact {id: row.id}) SET n += row.props;
UNWIND $rows AS row MERGE (n:Facility {id: row.id}) SET n += row.props;
UNWIND $rows AS row MERGE (n:Location {id: row.id}) SET n += row.props;
UNWIND $rows AS row MATCH (a:Case {id: row.start}) MATCH (b:Facility {id: row.end}) MERGE (a)-[r:ADMITTED_TO {key: row.key}]->(b) SET r += row.props;
UNWIND $rows AS row MATCH (a:Case {id: row.start}) MATCH (b:Facility {id: row.end}) MERGE (a)-[r:ISOLATED_AT {key: row.key}]->(b) SET r += row.props;
UNWIND $rows AS row MATCH (a:Case {id: row.start}) MATCH (b:Location {id: row.end}) MERGE (a)-[r:RESIDES_AT {key: row.key}]->(b) SET r += row.props;
UNWIND $rows AS row MATCH (a:Case {id: row.start}) MATCH (b:Contact {id: row.end}) MERGE (a)-[r:HAS_CONTACTS {key: row.key}]->(b) SET r += row.props;
UNWIND $rows AS row MATCH (a:Case {id: row.start}) MATCH (b:Facility {id: row.end}) MERGE (a)-[r:VISITED {key: row.key}]->(b) SET r += row.props;
UNWIND $rows AS row MATCH (a:Case {id: row.start}) MATCH (b:Location {id: row.end}) MERGE (a)-[r:WORKS_AT {key: row.key}]->(b) SET r += row.props;
UNWIND $rows AS row MATCH (a:Case {id: row.start}) MATCH (b:Location {id: row.end}) MERGE (a)-[r:VISITED {key: row.key}]->(b) SET r += row.props;
UNWIND $rows AS row MATCH (a:Case {id: row.start}) MATCH (b:Case {id: row.end}) MERGE (a)-[r:CLOSE_CONTACT {key: row.key}]->(b) SET r += row.props;
UNWIND $rows AS row MATCH (a:Contact {id: row.start}) MATCH (b:Facility {id: row.end}) MERGE (a)-[r:ISOLATED_AT {key: row.key}]->(b) SET r += row.props;
