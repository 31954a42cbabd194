/** What a garage id may be: it is part of workflow ids and metric labels, so short and plain. */
export const garageIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const garageIdRule = 'garage ids are letters, digits, - and _ (at most 64)';
