// Every figure in the graph on one page, by what it measures: the figures the sources report,
// each subject with its figures grouped as on its own page.
import {get} from './api.js';
import {observationsSection} from './observations.js';
import {el, empty, entityLink, fill} from './util.js';

const MAX_SOURCES = 20;

export function figuresView() {
    const body = el('div');
    const element = el('section', {class: 'figures-view'}, el('h1', {}, 'Figures'),
            el('p', {class: 'muted'}, 'Installations, market shares, device counts: every observation the sources report, by what it is about.'), body);
    const ready = fill(body, 'Loading the figures', async () => {
        const sources = (await get('/api/sources')).filter(s => s.observations > 0).slice(0, MAX_SOURCES);
        const details = await Promise.all(sources.map(s => get(`/api/sources/${encodeURIComponent(s.source.id)}`)));
        const bySubject = new Map();
        for (const o of details.flatMap(d => d.observations || [])) {
            const key = o.subject?.id || '';
            if (!bySubject.has(key)) bySubject.set(key, {subject: o.subject, ids: []});
            bySubject.get(key).ids.push(o.id);
        }
        if (!bySubject.size) return empty('No source reports a figure yet.');
        const sections = await Promise.all([...bySubject.values()].map(async ({subject, ids}) =>
                el('section', {class: 'observations'},
                        el('h2', {class: 'subject'}, subject ? entityLink(subject.id, subject.label) : 'Unattributed'),
                        await observationsSection(ids, false))));
        return sections;
    });
    return {element, ready};
}
