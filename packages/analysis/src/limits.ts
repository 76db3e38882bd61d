/** Fewer countries than this: no correlation across countries and no best/worst-country finding. */
export const MIN_COUNTRIES = 5;
