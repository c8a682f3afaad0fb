// Runs in a worker at start (src/app/warm-intl.ts): one date and one relative time formatted in the
// browser's languages and zone, then it says so and is ended.
const languages = [...self.navigator.languages, 'en'];
new Intl.DateTimeFormat(languages, { dateStyle: 'medium', timeStyle: 'short' }).format(0);
new Intl.RelativeTimeFormat(languages, { numeric: 'auto' }).format(-5, 'minute');
self.postMessage('warm');
