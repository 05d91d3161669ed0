import { getQueryStringParameters, QueryMap } from '../src/index';
import { parseFormEncoded } from '../src/query';
import { albEvent, albMultiValueEvent, httpEvent, restEvent } from './events';
import { readFromRequest } from './read';

function queryOf(event: unknown): Promise<QueryMap> {
  return readFromRequest(event, getQueryStringParameters);
}

describe('QueryMap', () => {
  const query = new QueryMap({ tags: ['a', 'b'], q: 'x', skipped: undefined });

  it('returns the first value of a name', () => {
    expect(query.first('tags')).toBe('a');
    expect(query.first('q')).toBe('x');
  });

  it('returns every value of a name in order', () => {
    expect(query.all('tags')).toEqual(['a', 'b']);
    expect(query.all('q')).toEqual(['x']);
  });

  it('returns nothing for an absent name', () => {
    expect(query.first('missing')).toBeUndefined();
    expect(query.all('missing')).toEqual([]);
    expect(query.has('missing')).toBe(false);
    expect(query.has('skipped')).toBe(false);
  });

  it('iterates one pair per value', () => {
    expect([...query]).toEqual([
      ['tags', 'a'],
      ['tags', 'b'],
      ['q', 'x'],
    ]);
    expect([...query.keys()]).toEqual(['tags', 'q']);
    expect(query.size).toBe(2);
  });

  it('cannot be changed through all()', () => {
    query.all('tags').push('c');
    expect(query.all('tags')).toEqual(['a', 'b']);
  });

  it('builds from pairs, maps and URLSearchParams', () => {
    expect(new QueryMap([['a', '1'], ['a', '2']]).all('a')).toEqual(['1', '2']);
    expect(new QueryMap(new Map([['a', '1']])).first('a')).toBe('1');
    expect(new QueryMap(new URLSearchParams('a=1&a=2')).all('a')).toEqual(['1', '2']);
    expect(new QueryMap(query).all('tags')).toEqual(['a', 'b']);
  });

  it('parses form-encoded text', () => {
    const parsed = new QueryMap('a=1&a=2&b=x+y&c=%2C&&flag&=empty-name');
    expect(parsed.all('a')).toEqual(['1', '2']);
    expect(parsed.first('b')).toBe('x y');
    expect(parsed.first('c')).toBe(',');
    expect(parsed.first('flag')).toBe('');
    expect(parsed.first('')).toBe('empty-name');
  });

  it('keeps names case-sensitive', () => {
    const parsed = new QueryMap('Name=upper&name=lower');
    expect(parsed.first('Name')).toBe('upper');
    expect(parsed.first('name')).toBe('lower');
  });
});

describe('parseFormEncoded', () => {
  it('agrees with URLSearchParams', () => {
    const text = 'a=1&b=%E2%9C%93&c=x+y&d=%zz&e=a=b&&f';
    expect(parseFormEncoded(text)).toEqual([...new URLSearchParams(text)]);
  });
});

describe('query string parameters by source', () => {
  it('reads the REST multi-value map when it has entries', async () => {
    const query = await queryOf({
      ...restEvent,
      queryStringParameters: { tag: 'b', q: 'x y' },
      multiValueQueryStringParameters: { tag: ['a', 'b'], q: ['x y'] },
    });
    expect(query.all('tag')).toEqual(['a', 'b']);
    expect(query.first('q')).toBe('x y');
  });

  it('reads the REST single-value map without a multi-value map', async () => {
    const query = await queryOf({
      ...restEvent,
      queryStringParameters: { q: 'a+b %' },
      multiValueQueryStringParameters: null,
    });
    // REST values arrive decoded, so `+` and `%` are literal characters.
    expect(query.first('q')).toBe('a+b %');
  });

  it('reads the REST single-value map when the multi-value map is empty', async () => {
    const query = await queryOf({ ...restEvent, queryStringParameters: { q: '1' }, multiValueQueryStringParameters: {} });
    expect(query.first('q')).toBe('1');
  });

  it('is empty for a REST event without parameters', async () => {
    const query = await queryOf(restEvent);
    expect(query.size).toBe(0);
  });

  it('parses the payload 2.0 rawQueryString, not the comma-joined map', async () => {
    const query = await queryOf({
      ...httpEvent,
      rawQueryString: 'list=a%2Cb&tag=x&tag=y&name=J%C3%BCrgen+M',
      queryStringParameters: { list: 'a,b', tag: 'x,y', name: 'Jürgen M' },
    });
    expect(query.all('list')).toEqual(['a,b']);
    expect(query.all('tag')).toEqual(['x', 'y']);
    expect(query.first('name')).toBe('Jürgen M');
  });

  it('is empty for a payload 2.0 event without rawQueryString', async () => {
    const { rawQueryString: _omitted, ...event } = httpEvent;
    const query = await queryOf({ ...event, queryStringParameters: { a: '1' } });
    expect(query.size).toBe(0);
  });

  it('decodes the still-encoded ALB values, plus included', async () => {
    const query = await queryOf({
      ...albEvent,
      queryStringParameters: { q: 'a+b', plus: '%2B', check: '%E2%9C%93', 'my%20key': 'v', returnTo: '%2Fcart%3Fstep%3D2' },
    });
    expect(query.first('q')).toBe('a b');
    expect(query.first('plus')).toBe('+');
    expect(query.first('check')).toBe('✓');
    expect(query.first('my key')).toBe('v');
    expect(query.first('returnTo')).toBe('/cart?step=2');
  });

  it('reads the ALB multi-value map in multi-value mode', async () => {
    const query = await queryOf({
      ...albMultiValueEvent,
      queryStringParameters: { ignored: 'yes' },
      multiValueQueryStringParameters: { tag: ['a%20b', 'c'] },
    });
    expect(query.all('tag')).toEqual(['a b', 'c']);
    expect(query.has('ignored')).toBe(false);
  });

  it('keeps a malformed ALB escape as written', async () => {
    const query = await queryOf({ ...albEvent, queryStringParameters: { bad: '100%' } });
    expect(query.first('bad')).toBe('100%');
  });

  it('is computed once per request', async () => {
    const [first, second] = await readFromRequest({ ...httpEvent, rawQueryString: 'a=1' }, (req) => [
      getQueryStringParameters(req),
      getQueryStringParameters(req),
    ]);
    expect(first).toBe(second);
  });
});
