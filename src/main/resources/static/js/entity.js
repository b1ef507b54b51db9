// One entity: who it is, what it is connected to (grouped, with the source of every fact) and
// the figures observed about it.
import {get, ontology} from './api.js';
import {hashParams} from './app.js';
import {observationsSection} from './observations.js';
import {confidence, el, empty, entityLink, evidence, fill, formatNumber, humanize, problem, sourceLink, typeChip} from './util.js';

const GROUP_PAGE = 5;
const LANGUAGES = {en: 'English', zh: 'Chinese'};

export function entityView(id) {
    const body = el('div', {class: 'entity-body'});
    const element = el('section', {class: 'entity-view'}, body);
    const ready = fill(body, 'Loading the entity', () => render(id));
    return {element, ready};
}

async function render(id) {
    // ?relations= caps the relations the first call returns (the API's default is 500); the rest are paged in.
    let entity = await get(`/api/entities/${encodeURIComponent(id)}`, {relations: hashParams().get('relations')});
    if (entity.relationsTruncated) {
        // A big node: the counts per kind come from /neighbors, and its groups page through it.
        const [neighbours, onto] = await Promise.all([get(`/api/entities/${encodeURIComponent(id)}/neighbors`, {depth: 1, limit: 1}), ontology()]);
        const label = (predicate, direction) => {
            const relation = onto.relationsByName.get(predicate);
            if (direction === 'out') return relation?.label || predicate;
            return onto.relationsByName.get(relation?.inverse)?.label || `${relation?.label || predicate} (inverse)`;
        };
        entity = {...entity, counts: new Map((neighbours.counts || []).map(c => [`${c.predicate}|${c.direction}`, c.count])),
            labels: new Map((neighbours.counts || []).map(c => [`${c.predicate}|${c.direction}`, label(c.predicate, c.direction)]))};
    }
    document.title = `${entity.label} — ci-graph`;
    let observationIds = entity.relations
            .filter(r => r.predicate === 'observationOf' && r.direction === 'in').map(r => r.other.id);
    if (entity.counts?.get('observationOf|in') > observationIds.length) {
        const observed = await get(`/api/entities/${encodeURIComponent(id)}/neighbors`, {depth: 1, relation: 'observationOf', limit: 60});
        observationIds = observed.edges.filter(e => e.to === id).map(e => e.from);
    }
    const isObservation = entity.types.some(t => t.name === 'Observation');
    const others = entity.relations.filter(r => !(r.predicate === 'observationOf' && r.direction === 'in'));
    const figures = el('section', {class: 'observations', 'aria-labelledby': 'figures-h'});
    const figuresReady = observationIds.length
            ? fill(figures, 'Loading the figures', () => observationsSection(observationIds))
            : null;
    const relations = relationsSection(entity, others);
    await Promise.all([figuresReady, relations.ready]);
    return [
        header(entity),
        el('div', {class: 'entity-grid'},
                el('div', {class: 'entity-main'},
                        observationIds.length ? figures : null,
                        isObservation ? observationFacts(entity) : null,
                        relations),
                el('aside', {class: 'entity-side'}, facts(entity, await ontology()))),
    ];
}

function header(entity) {
    return el('header', {class: 'entity-head'},
            el('div', {class: 'title'}, el('h1', {}, entity.label),
                    el('div', {class: 'types'}, entity.types.map(t => el('span', {class: 'type', title: [t.label].concat(t.superclasses.filter(s => s !== 'Resource')).join(' › ')}, t.label)))),
            entity.description ? el('p', {class: 'description'}, entity.description) : null,
            el('div', {class: 'actions'},
                    el('a', {class: 'button', href: `#/graph/${encodeURIComponent(entity.id)}`}, 'Show as graph'),
                    el('a', {class: 'button', href: `#/paths?from=${encodeURIComponent(entity.id)}`}, 'How is it connected to…'),
                    el('a', {class: 'button subtle', href: `/api/entities/${encodeURIComponent(entity.id)}`}, 'JSON')));
}

/** A property's values: links to other knowledge bases as links, numbers with their property's unit. */
function propertyValues(property, values) {
    if (property?.link) {
        return values.map((v, i) => [i ? ', ' : null, el('a', {href: v, rel: 'noopener noreferrer', target: '_blank'}, v)]);
    }
    return values.map(v => formatNumber(v) + (property?.unit && typeof v === 'number' ? ` ${property.unit}` : '')).join(', ');
}

function facts(entity, onto) {
    const aliases = entity.aliases || [];
    const properties = Object.entries(entity.properties || {}).filter(([k]) => k !== 'evidence');
    return [
        el('h2', {}, 'Also known as'),
        aliases.length ? el('ul', {class: 'aliases plain'}, aliases.map(a => el('li', {lang: a.language || undefined},
                a.text, a.language ? el('span', {class: 'lang', title: LANGUAGES[a.language] || a.language}, a.language) : null)))
                : empty('No other names recorded.'),
        properties.length ? [el('h2', {}, 'Properties'), el('dl', {class: 'properties'}, properties.map(([k, v]) =>
                [el('dt', {title: onto?.propertiesByName.get(k)?.comment || k}, onto?.propertiesByName.get(k)?.label || k),
                    el('dd', {}, propertyValues(onto?.propertiesByName.get(k), [].concat(v)))]))] : null,
        differences(entity, onto),
        history(entity),
        el('p', {class: 'muted small'}, 'Id ', el('code', {}, entity.id)),
    ];
}

const FIELD_LABELS = {label: 'Name', description: 'Description'};

/**
 * Where the imports that state this entity disagree on a single value: every value with the
 * sources behind it, the one shown marked with why it wins (the later source date, then the higher
 * confidence, then the later import). Nothing when they agree.
 */
function differences(entity, onto) {
    const fields = Object.entries(entity.alternatives || {});
    if (!fields.length) return null;
    const sourceLinks = ids => ids.length ? sourceIds(ids) : el('span', {class: 'muted'}, 'no source recorded');
    return el('section', {class: 'differences', 'aria-labelledby': 'diff-h'},
            el('h2', {id: 'diff-h'}, 'Where sources differ'),
            fields.map(([field, values]) => el('div', {class: 'difference'},
                    el('h3', {}, FIELD_LABELS[field] || onto?.propertiesByName.get(field)?.label || field),
                    el('ul', {class: 'plain'}, values.map(v => el('li', {class: v.preferred ? 'preferred' : 'other'},
                            el('span', {class: 'value'}, propertyValues(onto?.propertiesByName.get(field), [].concat(v.value))),
                            el('span', {class: 'small muted'}, ' — ', sourceLinks(v.sources || []),
                                    v.preferred ? ` · shown (${v.why || 'preferred'})` : ''))))))
    );
}

/** Links to sources by id, named after their ids (the page asks for no titles). */
function sourceIds(ids) {
    return ids.map((s, i) => [i ? ', ' : null, el('a', {href: `#/source/${encodeURIComponent(s)}`, title: s}, humanize(s))]);
}

/** What each import changed about this entity, loaded when opened: the page itself asks for nothing more. */
function history(entity) {
    const list = el('div', {class: 'history-list'});
    let loaded = false;
    const details = el('details', {class: 'history'},
            el('summary', {}, 'History: what each import said'), list);
    details.addEventListener('toggle', () => {
        if (!details.open || loaded) return;
        loaded = true;
        fill(list, 'Loading the history', async () => {
            const steps = await get(`/api/entities/${encodeURIComponent(entity.id)}/history`);
            if (!steps.length) return empty('No import recorded for it.');
            return el('ol', {class: 'plain'}, steps.map(step => el('li', {class: `step ${step.status || ''}`},
                    el('div', {}, el('strong', {}, step.file || step.target || step.batch), ' ',
                            el('span', {class: 'muted small'}, `${(step.at || '').slice(0, 10)} · ${step.kind}${step.status && step.status !== 'live' ? ` · ${step.status}` : ''}`)),
                    (step.sources || []).length ? el('div', {class: 'small'}, 'Sources: ', sourceIds(step.sources)) : null,
                    el('ul', {class: 'plain small'}, (step.changes || []).slice(0, 12).map(c => el('li', {},
                            `${c.action}${c.resource !== entity.id ? ` ${c.resource}` : ''}${c.field ? ` ${FIELD_LABELS[c.field]?.toLowerCase() || c.field}` : ''}`,
                            c.field && c.newValue !== null && c.newValue !== undefined && typeof c.newValue !== 'object'
                                    ? el('span', {class: 'muted'}, `: ${String(c.newValue).slice(0, 80)}`) : null))))));
        });
    });
    return details;
}

function observationFacts(entity) {
    const p = entity.properties || {};
    return el('section', {class: 'observation-facts'},
            el('h2', {}, 'The figure'),
            el('p', {class: 'figure'}, p.value !== undefined ? `${formatNumber(p.value)} ${p.unit || ''}` : (p.trend || '')),
            p.evidence ? evidence(p.evidence) : null);
}

/** Relations grouped by what they say, in the entity's reading direction, each with its source. */
function relationsSection(entity, relations) {
    const groups = new Map();
    for (const r of relations) {
        const key = `${r.predicate}|${r.direction}`;
        if (!groups.has(key)) groups.set(key, {label: r.label, predicate: r.predicate, direction: r.direction, items: []});
        groups.get(key).items.push(r);
    }
    for (const key of entity.counts?.keys() || []) {
        const [predicate, direction] = key.split('|');
        if (!groups.has(key) && key !== 'observationOf|in') groups.set(key, {label: entity.labels.get(key), predicate, direction, items: []});
    }
    for (const [key, g] of groups) g.total = entity.counts?.get(key) ?? g.items.length;
    const sorted = [...groups.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
    const sections = sorted.map(g => group(entity, g));
    const section = el('section', {class: 'relations', 'aria-labelledby': 'rel-h'},
            el('h2', {id: 'rel-h'}, `Connections (${entity.relationCount})`),
            entity.relationsTruncated ? el('p', {class: 'muted'}, `Too many to show at once: each kind shows its first ${GROUP_PAGE}, “Show more” pages through the rest.`) : null,
            sorted.length ? el('nav', {class: 'group-index', 'aria-label': 'Kinds of connection'}, sorted.map(g =>
                    el('a', {href: `#rel-${g.predicate}-${g.direction}`, onclick: e => { e.preventDefault(); document.getElementById(`rel-${g.predicate}-${g.direction}`)?.scrollIntoView(); }},
                            `${g.label} `, el('span', {class: 'count'}, g.total)))) : empty('No connections recorded.'),
            sections);
    section.ready = Promise.all(sections.map(g => g.ready));
    return section;
}

function group(entity, g) {
    const list = el('ul', {class: 'relation-list plain'});
    const more = el('button', {type: 'button', class: 'more'});
    const complete = g.total <= g.items.length;
    let shown = 0;
    let cursor = null;
    // Every relation of the kind is at hand: show them a few at a time.
    const showLoaded = () => {
        const next = g.items.slice(shown, shown + GROUP_PAGE);
        list.append(...next.map(r => relationItem(entity, r)));
        shown += next.length;
    };
    // Only some were returned: page through /neighbors for this kind, from the start.
    const loadPage = async () => {
        more.disabled = true;
        try {
            const page = await get(`/api/entities/${encodeURIComponent(entity.id)}/neighbors`,
                    {depth: 1, relation: g.predicate, limit: GROUP_PAGE, cursor});
            const nodes = new Map(page.nodes.map(n => [n.id, n]));
            const mine = page.edges.filter(e => e.predicate === g.predicate
                    && (g.direction === 'out' ? e.from === entity.id : e.to === entity.id));
            list.append(...mine.map(e => relationItem(entity, {label: g.label,
                other: nodes.get(g.direction === 'out' ? e.to : e.from), provenance: e.provenance})));
            shown += mine.length;
            cursor = page.nextCursor || null;
            if (!cursor) g.total = shown;
        } catch (e) {
            list.append(el('li', {}, problem(e)));
            cursor = null;
            g.total = shown;
        }
        more.disabled = false;
    };
    const step = async () => {
        if (complete) showLoaded(); else await loadPage();
        more.hidden = shown >= g.total;
        more.textContent = `Show more (${g.total - shown} left)`;
    };
    more.addEventListener('click', step);
    const first = step();
    // The kind on the left, what it links to on the right: "runs | HarmonyOS 4" reads as a sentence.
    const section = el('section', {class: 'relation-group', id: `rel-${g.predicate}-${g.direction}`},
            el('h3', {}, `${g.label} `, el('span', {class: 'count'}, g.total)), el('div', {}, list, more));
    section.ready = first;
    return section;
}

function relationItem(entity, r) {
    const p = r.provenance || {};
    const validity = [p.validFrom ? `since ${p.validFrom}` : null, p.validTo ? `until ${p.validTo}` : null].filter(Boolean).join(', ');
    return el('li', {class: 'relation'},
            el('div', {class: 'relation-line'}, el('div', {class: 'statement'}, el('span', {class: 'visually-hidden'}, `${entity.label} ${r.label} `),
                    entityLink(r.other.id, r.other.label), ' ', r.other.types.map(typeChip)),
            el('div', {class: 'provenance'}, 'Source: ', sourceLink(p.source), ' ', confidence(p.confidence),
                    validity ? el('span', {class: 'muted'}, ` · ${validity}`) : null)),
            evidence(p.evidence),
            otherSources(r.alternatives || []));
}

/** The other imports' provenance of a relation several imports state: who else says so, and what. */
function otherSources(alternatives) {
    const others = alternatives.filter(a => !a.preferred);
    if (!others.length) return null;
    return el('div', {class: 'also-stated small muted'}, 'Also stated by ', others.map((a, i) => [i ? '; ' : null,
            a.value?.source ? el('a', {href: `#/source/${encodeURIComponent(a.value.source)}`}, humanize(a.value.source)) : 'an import without a source',
            a.value?.evidence ? ` (“${String(a.value.evidence).slice(0, 120)}”)` : null]));
}
