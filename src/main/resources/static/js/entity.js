// One entity: who it is, what it is connected to (grouped, with the source of every fact) and
// the figures observed about it.
import {get} from './api.js';
import {observationsSection} from './observations.js';
import {confidence, el, empty, entityLink, evidence, fill, formatNumber, sourceLink, typeChip} from './util.js';

const GROUP_PAGE = 5;
const LANGUAGES = {en: 'English', zh: 'Chinese'};

export function entityView(id) {
  const body = el('div', {class: 'entity-body'});
  const element = el('section', {class: 'entity-view'}, body);
  const ready = fill(body, 'Loading the entity', () => render(id));
  return {element, ready};
}

async function render(id) {
  const entity = await get(`/api/entities/${encodeURIComponent(id)}`);
  document.title = `${entity.label} — ci-graph`;
  const observationIds = entity.relations
      .filter(r => r.predicate === 'observationOf' && r.direction === 'in').map(r => r.other.id);
  const isObservation = entity.types.some(t => t.name === 'Observation');
  const others = entity.relations.filter(r => !(r.predicate === 'observationOf' && r.direction === 'in'));
  const figures = el('section', {class: 'observations', 'aria-labelledby': 'figures-h'});
  const figuresReady = observationIds.length
      ? fill(figures, 'Loading the figures', () => observationsSection(observationIds))
      : null;
  await figuresReady;
  return [
    header(entity),
    el('div', {class: 'entity-grid'},
        el('div', {class: 'entity-main'},
            observationIds.length ? figures : null,
            isObservation ? observationFacts(entity) : null,
            relationsSection(entity, others)),
        el('aside', {class: 'entity-side'}, facts(entity))),
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

function facts(entity) {
  const aliases = entity.aliases || [];
  const properties = Object.entries(entity.properties || {}).filter(([k]) => k !== 'evidence');
  return [
    el('h2', {}, 'Also known as'),
    aliases.length ? el('ul', {class: 'aliases plain'}, aliases.map(a => el('li', {lang: a.language || undefined},
        a.text, a.language ? el('span', {class: 'lang', title: LANGUAGES[a.language] || a.language}, a.language) : null)))
        : empty('No other names recorded.'),
    properties.length ? [el('h2', {}, 'Properties'), el('dl', {class: 'properties'}, properties.map(([k, v]) =>
        [el('dt', {}, k), el('dd', {}, [].concat(v).map(formatNumber).join(', '))]))] : null,
    el('p', {class: 'muted small'}, 'Id ', el('code', {}, entity.id)),
  ];
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
  const sorted = [...groups.values()].sort((a, b) => b.items.length - a.items.length || a.label.localeCompare(b.label));
  return el('section', {class: 'relations', 'aria-labelledby': 'rel-h'},
      el('h2', {id: 'rel-h'}, `Connections (${entity.relationCount})`),
      entity.relationsTruncated ? el('p', {class: 'muted'}, `Showing the first ${relations.length}; the graph view pages through all of them.`) : null,
      sorted.length ? el('nav', {class: 'group-index', 'aria-label': 'Kinds of connection'}, sorted.map(g =>
          el('a', {href: `#rel-${g.predicate}-${g.direction}`, onclick: e => { e.preventDefault(); document.getElementById(`rel-${g.predicate}-${g.direction}`)?.scrollIntoView(); }},
              `${g.label} `, el('span', {class: 'count'}, g.items.length)))) : empty('No connections recorded.'),
      sorted.map(g => group(entity, g)));
}

function group(entity, g) {
  const list = el('ul', {class: 'relation-list plain'});
  const more = el('button', {type: 'button', class: 'more'});
  let shown = 0;
  const showMore = () => {
    const next = g.items.slice(shown, shown + GROUP_PAGE);
    list.append(...next.map(r => relationItem(entity, r)));
    shown += next.length;
    more.hidden = shown >= g.items.length;
    more.textContent = `Show ${Math.min(GROUP_PAGE, g.items.length - shown)} more of ${g.items.length - shown}`;
  };
  more.addEventListener('click', showMore);
  showMore();
  return el('section', {class: 'relation-group', id: `rel-${g.predicate}-${g.direction}`},
      el('h3', {}, `${g.label} `, el('span', {class: 'count'}, g.items.length)), list, more);
}

function relationItem(entity, r) {
  const p = r.provenance || {};
  const validity = [p.validFrom ? `since ${p.validFrom}` : null, p.validTo ? `until ${p.validTo}` : null].filter(Boolean).join(', ');
  return el('li', {class: 'relation'},
      el('div', {class: 'relation-line'}, el('div', {class: 'statement'}, el('span', {class: 'muted'}, `${entity.label} `), el('strong', {}, r.label), ' ',
          entityLink(r.other.id, r.other.label), ' ', r.other.types.map(typeChip)),
      el('div', {class: 'provenance'}, 'Source: ', sourceLink(p.source), ' ', confidence(p.confidence),
          validity ? el('span', {class: 'muted'}, ` · ${validity}`) : null)),
      evidence(p.evidence));
}
