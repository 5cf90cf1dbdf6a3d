/* alliantie_kb: Pagefind's search API for the search page, with the filter
 * data fetched only when the reader opens "Refine".
 *
 * Pagefind UI imports "<bundlePath>pagefind.js" and asks for every filter
 * as soon as it starts, which fetches all filter files: on a large site
 * more than the rest of a first query together. The search page points
 * the UI here instead. Each call goes to the site's own Pagefind
 * (window.kbSearchBundle); only filters() waits until the page calls
 * window.kbSearchFilters.open(). It then answers with the counts of the
 * last search's results, so the refine panel shows what the results hold.
 */
var site = null;
var last = null;
var release;
var opened = new Promise(function (resolve) { release = resolve; });

function pagefind() {
  site = site || import(window.kbSearchBundle + "pagefind.js");
  return site;
}

window.kbSearchFilters = {
  open: function () { release(); }
};

export async function options(settings) {
  return (await pagefind()).options(settings);
}

export async function init() {
  return (await pagefind()).init();
}

export async function mergeIndex(path, settings) {
  return (await pagefind()).mergeIndex(path, settings);
}

export async function preload(term, settings) {
  return (await pagefind()).preload(term, settings);
}

export async function search(term, settings) {
  last = [term, settings];
  return (await pagefind()).search(term, settings);
}

export async function filters() {
  await opened;
  var api = await pagefind();
  var all = await api.filters();
  if (last === null) {
    return all;
  }
  var found = await api.search(last[0], last[1]);
  return (found && found.filters) || all;
}

export async function destroy() {
  return (await pagefind()).destroy();
}
