/** @type {import('jest').Config} */
export default { displayName: 'survey-ivs-map', preset: '../../jest.preset.js' };
