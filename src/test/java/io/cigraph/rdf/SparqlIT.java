package io.cigraph.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cigraph.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.junit.jupiter.api.Test;

class SparqlIT extends IntegrationTest {

    private String endpoint() {
        return "http://localhost:" + port + "/sparql";
    }

    private List<String> ids(String query, String var) {
        List<String> ids = new ArrayList<>();
        try (QueryExecution qe = QueryExecutionHTTP.service(endpoint()).queryString(query).build()) {
            ResultSet rs = qe.execSelect();
            rs.forEachRemaining((QuerySolution s) -> ids.add(s.getResource(var).getURI()
                    .substring("https://w3id.org/cigraph/id/".length())));
        }
        return ids;
    }

    @Test
    void aQueryForDevicesListsThoseTypedOnlyByASubclassWithoutPrefixLines() {
        List<String> devices = ids("SELECT ?d WHERE { ?d a kg:Device }", "d");
        assertThat(devices).contains("huawei-watch-gt-4", "huawei-qingyun-tablets", "huawei-qingyun-commercial-smart-screens",
                "huawei-qingyun-desktops", "huawei-qingyun-printers");
    }
}
