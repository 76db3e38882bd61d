/** @type {import('jest').Config} */
export default { displayName: 'survey-vsm2013', preset: '../../jest.preset.js' };
