// Every call the page makes goes through here, so that an error always reaches the user as the
// API's own problem detail (RFC 9457) in plain words, never as a silent empty view.

export class ApiProblem extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || `HTTP ${status}`);
        this.status = status;
        this.problem = problem;
    }
}

async function answer(response) {
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
        throw new ApiProblem(response.status, typeof body === 'object' ? body
                : {title: response.statusText, detail: String(body).slice(0, 300)});
    }
    return body;
}

async function call(url, options) {
    let response;
    try {
        response = await fetch(url, options);
    } catch (e) {
        throw new ApiProblem(0, {title: 'Service unreachable', detail: 'The service did not answer. Check that it is running, then reload the page.'});
    }
    return answer(response);
}

/** GET a JSON API path; params with empty values are left out. */
export function get(path, params = {}) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
        for (const v of [].concat(value)) {
            if (v !== undefined && v !== null && v !== '') query.append(name, v);
        }
    }
    const qs = query.toString();
    return call(qs ? `${path}?${qs}` : path, {headers: {Accept: 'application/json'}});
}

export function cypher(query, parameters = {}) {
    return call('/api/cypher', {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({query, parameters}),
    });
}

export function sparql(query) {
    return call('/sparql', {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/sparql-results+json'},
        body: new URLSearchParams({query}),
    });
}

let ontologyPromise;
/** The ontology, once per page load: relation labels (both directions), class hierarchy, property labels and units. */
export function ontology() {
    ontologyPromise ??= get('/api/ontology').then(o => {
        const relations = new Map(o.relations.concat(o.objectProperties).map(r => [r.name, r]));
        const classes = new Map(o.classes.map(c => [c.name, c]));
        // Literal properties with their units, and links to other knowledge bases, by name.
        const properties = new Map(o.datatypeProperties.concat(o.linkProperties || []).map(p => [p.name, p]));
        return {...o, relationsByName: relations, classesByName: classes, propertiesByName: properties};
    });
    return ontologyPromise;
}

/** Ids to labels in one SPARQL call, for answers that carry only ids. */
export async function labels(ids, resourceBase) {
    const wanted = [...new Set(ids)].filter(id => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)).slice(0, 500);
    if (!wanted.length) return new Map();
    const values = wanted.map(id => `<${resourceBase}${id}>`).join(' ');
    const result = await sparql(`SELECT ?e ?label WHERE { VALUES ?e { ${values} } ?e rdfs:label ?label }`);
    return new Map(result.results.bindings.map(b => [b.e.value.slice(resourceBase.length), b.label.value]));
}
