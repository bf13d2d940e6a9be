import { categoryOf, CATEGORY_OPTIONS } from './plan-category';
import { leg } from './usage.fixture';

describe('categoryOf', () => {
  it('counts SIP core calls as gateway usage and media-server calls as softphone usage', () => {
    expect(categoryOf(leg('c', 0, 1))).toBe('GATEWAY');
    expect(categoryOf(leg('c', 0, 1, { origin: 'MEDIA' }))).toBe('SOFTPHONE');
  });

  it('limits lines in gateway mode only and models no group options', () => {
    expect(CATEGORY_OPTIONS.GATEWAY).toContain('LINES');
    expect(CATEGORY_OPTIONS.SOFTPHONE).not.toContain('LINES');
    expect(CATEGORY_OPTIONS.GROUP).toEqual([]);
  });
});
