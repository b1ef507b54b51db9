package io.cigraph.rdf;

import io.cigraph.ontology.Ontology;
import io.cigraph.search.EntitySearch;
import io.cigraph.search.SearchRequest;
import io.cigraph.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.atlas.lib.Lib;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropFuncArgType;
import org.apache.jena.sparql.pfunction.PropertyFunctionEval;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Context;
import org.springframework.stereotype.Component;

/**
 * {@code kg:search}: the full-text index inside SPARQL, ranked as {@code /api/search} ranks.
 * <pre>
 *   ?e kg:search "nearlnk" .                       # entities matching the text
 *   (?e ?score) kg:search ("smart watch" 5 "Device") .   # with score, a limit and a class
 * </pre>
 * The subject is a variable (or an IRI to test) or a list of the entity and its score; the
 * object is the text, or a list of text, limit and class name. It runs before the rest of the
 * pattern, so the rest joins against at most {@code limit} entities.
 */
@Component
class SearchPropertyFunction implements SparqlContextCustomizer {

    private static final int DEFAULT_LIMIT = 20;

    private final EntitySearch search;
    private final Ontology ontology;

    SearchPropertyFunction(EntitySearch search, Ontology ontology) {
        this.search = search;
        this.ontology = ontology;
    }

    @Override
    public void customize(Context context) {
        PropertyFunctionRegistry registry = PropertyFunctionRegistry.createFrom(PropertyFunctionRegistry.chooseRegistry(context));
        registry.put(ontology.termIri("search"), uri -> new Function());
        PropertyFunctionRegistry.set(context, registry);
    }

    private final class Function extends PropertyFunctionEval {

        Function() {
            super(PropFuncArgType.PF_ARG_EITHER, PropFuncArgType.PF_ARG_EITHER);
        }

        @Override
        public void build(PropFuncArg subject, Node predicate, PropFuncArg object, ExecutionContext cxt) {
            if (subject.isList() && (subject.getArgListSize() < 1 || subject.getArgListSize() > 2)) {
                throw new QueryBuildException("kg:search takes ?entity or (?entity ?score) as its subject.");
            }
            if (object.isList() && (object.getArgListSize() < 1 || object.getArgListSize() > 3)) {
                throw new QueryBuildException("kg:search takes \"text\" or (\"text\" limit \"Class\") as its object.");
            }
        }

        @Override
        public QueryIterator execEvaluated(Binding binding, PropFuncArg subject, Node predicate, PropFuncArg object,
                                           ExecutionContext cxt) {
            List<Node> args = object.isList() ? object.getArgList() : List.of(object.getArg());
            String text = literal(args.getFirst(), "text");
            int limit = args.size() > 1 ? Integer.parseInt(literal(args.get(1), "limit")) : DEFAULT_LIMIT;
            String type = args.size() > 2 ? literal(args.get(2), "class") : null;
            SearchResult result;
            try {
                result = search.search(new SearchRequest(text, type, null, limit, 0, false, SearchRequest.Syntax.PLAIN));
            } catch (RuntimeException e) {
                throw new QueryExecException("kg:search: " + e.getMessage(), e);
            }
            Node entity = subject.isList() ? subject.getArg(0) : subject.getArg();
            Node score = subject.isList() && subject.getArgListSize() > 1 ? subject.getArg(1) : null;
            List<Binding> rows = new ArrayList<>();
            for (SearchResult.Hit hit : result.hits()) {
                Node iri = NodeFactory.createURI(ontology.iriOf(hit.id()));
                Binding row = bind(binding, entity, iri);
                if (row != null && score != null) {
                    row = bind(row, score, NodeFactory.createLiteralDT(Float.toString(hit.score()), XSDDatatype.XSDfloat));
                }
                if (row != null) {
                    rows.add(row);
                }
            }
            return QueryIterPlainWrapper.create(rows.iterator(), cxt);
        }

        /** Binds a variable, or checks that a fixed node is the value; null when it does not match. */
        private static Binding bind(Binding parent, Node target, Node value) {
            if (Var.isVar(target)) {
                return BindingFactory.binding(parent, Var.alloc(target), value);
            }
            return Lib.equals(target, value) ? parent : null;
        }

        private static String literal(Node node, String what) {
            if (!node.isLiteral()) {
                throw new QueryExecException("kg:search needs its " + what + " as a literal, not " + node + ".");
            }
            return node.getLiteralLexicalForm();
        }
    }
}
