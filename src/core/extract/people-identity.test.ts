/** Who is one person and who is two: names written for these tests (all invented). */
import { describe, expect, it } from 'vitest';
import { condense } from '../condense/condense.js';

const namesOf = (text: string): string[] =>
  condense({ title: null, text, url: null, byline: null, publishedAt: null }).people.map((p) => p.name);

describe('one identity per person', () => {
  it('gives each of two coordinated given names the surname they share', () => {
    const names = namesOf(
      'The arrows were found by retired couple Brian and Charlotte Wendle, who drove across the state. ' +
        'The fund was backed by the brothers Charles G. and David H. Marrow in 2010.',
    );
    expect(names).toEqual(
      expect.arrayContaining(['Brian Wendle', 'Charlotte Wendle', 'Charles G. Marrow', 'David H. Marrow']),
    );
    expect(names).not.toContain('Charles G.');
  });

  it('leaves a known surname alone before "and"', () => {
    const names = namesOf(
      'The moderators are Anderson Pellow and Martha Quist. Pellow and Martha Quist will share the stage.',
    );
    expect(names).not.toContain('Pellow Quist');
    expect(names).toEqual(expect.arrayContaining(['Anderson Pellow', 'Martha Quist']));
  });

  it('keeps one person spelled two ways as one', () => {
    const names = namesOf(
      'Lianna Porrientos married ten men, prosecutors said. Liana Porrientos pleaded not guilty on Friday.',
    );
    expect(names.filter((n) => /Porrientos/.test(n))).toHaveLength(1);
  });

  it('never joins a surname to a thing named after its bearer', () => {
    const text =
      'Supporters boarded the Drumpfo Express, a bus tour. Drumpfo said the tour would go on. ' +
      'Drumpfo added that he was pleased.';
    const people = condense({ title: null, text, url: null, byline: null, publishedAt: null }).people;
    expect(people.map((p) => p.name)).not.toContain('Drumpfo Express');
    expect(people.map((p) => p.name)).toContain('Drumpfo');
  });

  it('keeps a generational suffix in the full name', () => {
    expect(namesOf('Vice President Joseph R. Bidwell Jr. spoke on Monday. Bidwell left early.')).toContain(
      'Joseph R. Bidwell Jr.',
    );
  });

  it('lists a person named in full only inside a quotation', () => {
    const names = namesOf('“If Gordon Farrow is elected, the policy ends,” the senator said on Monday.');
    expect(names).toContain('Gordon Farrow');
  });
});

describe('things named like people', () => {
  it('drops brand-shaped words and web addresses, keeping Mc- and Mac- surnames', () => {
    const names = namesOf(
      'The couple told TravelDesk Weekly that they had found 102 arrows. Soumba told Harbournow.com the same. ' +
        'Jockey Tony McCrory said he was proud.',
    );
    expect(names).toContain('Tony McCrory');
    expect(names.some((n) => /TravelDesk|Harbournow/.test(n))).toBe(false);
  });

  it('reads "X’s Palace" as a building and "X, the … Agency," as an organisation', () => {
    const names = namesOf(
      'The audience at St Brennan’s Palace sang along. Kosmoflot, the Varnian Federal Space Agency, said on ' +
        'Wednesday the craft was lost. Kosmoflot added that it would burn up.',
    );
    expect(names.some((n) => /Brennan|Kosmoflot/.test(n))).toBe(false);
  });

  it('takes a name whose first word is also a dictionary word, but not a firm or a place', () => {
    const names = namesOf(
      'Campaigning against Mitt Rembley in 2012, he barely mentioned it. Shoppers near Marks & Spenser paid ' +
        'more. Mark Landry reported from Midway Atoll.',
    );
    expect(names).toContain('Mitt Rembley');
    expect(names.some((n) => /Spenser|Atoll/.test(n))).toBe(false);
  });

  it('reads plurals naming a group as no person', () => {
    const names = namesOf(
      'Nearly all the refugees are Sunni Muslims, the centre said. A Muslim charity helped. ' +
        'In 1993, radical Islamists bombed the tower.',
    );
    expect(names.some((n) => /Muslim|Islamist/.test(n))).toBe(false);
  });

  it('keeps a suffix set off by a comma and drops a name used as a modifier after a person noun', () => {
    const names = namesOf(
      'Michael Haltzel advised Senator Joseph R. Bidwell, Jr., for years. Critics blame radical Zorgic ' +
        'terrorism for the attack.',
    );
    expect(names).toContain('Joseph R. Bidwell Jr.');
    expect(names).not.toContain('Zorgic');
  });

  it('takes a given name right after a word for a relative as that relative', () => {
    const names = namesOf(
      'Michael Sardo shook his head as his father Peter dashed to hug him. Mr. Kinley lives with his ' +
        '17-year-old daughter, Ellie, a high school senior.',
    );
    expect(names).toEqual(expect.arrayContaining(['Peter', 'Ellie']));
  });

  it('takes a name after a title though its words are ordinary words or places, not a thing', () => {
    const names = namesOf(
      '“We will achieve justice,” Tulsa police Chief Chuck Jordan said Monday. President Obama Speech ' +
        'writers met later to plan the next speech.',
    );
    expect(names).toContain('Chuck Jordan');
    expect(names).not.toContain('Obama Speech');
  });

  it('joins a name split by a nickname in quotation marks and knows the nickname form', () => {
    const names = namesOf(
      'Rep. Robert C. "Bobby" Scotter threw open his yard. His niece, Marcia "Cia" Prader, shouted. ' +
        'Bobby Scotter smiled.',
    );
    expect(names).toEqual(expect.arrayContaining(['Robert C. Scotter', 'Marcia Prader']));
    expect(names).not.toContain('Bobby Scotter');
    expect(names).not.toContain('Robert C.');
  });
});

describe('firms, products and places named like people', () => {
  it('takes a name no given name vouches for, repeated only in full, for a firm', () => {
    const text = [
      'Quorvex Analytica collected the data of millions of users, the report found.',
      'The regulator fined Quorvex Analytica on Tuesday.',
      'Its chief executive, Maren Holt, resigned. Holt said the firm had done nothing illegal.',
    ].join('\n\n');
    expect(namesOf(text)).not.toContain('Quorvex Analytica');
    expect(namesOf(text)).toContain('Maren Holt');
  });

  it('keeps a person named in full twice after a word for a relative or in a list of names', () => {
    const text = [
      'It was her eighth husband, Rashad Rajvoor, who was deported.',
      'She married six men in 2002: Davit Korvidze, Rashad Rajvoor, and Tamaz Belkadze.',
    ].join('\n\n');
    expect(namesOf(text)).toContain('Rashad Rajvoor');
  });

  it('reads a plural person noun before a comma as the start of a list, not a title', () => {
    const text = 'Kat Welsh joins the board of directors, Quorvexo, and other news.';
    expect(namesOf(text)).not.toContain('Quorvexo');
  });

  it('takes a firm, or a product named after its maker, for no person', () => {
    const text = [
      'The farmer drove a Nissan Navara to the market. Nissan Navara owners have complained before.',
      'Tesco said it would cut prices. Gerald Fordham, a shopper, said he was pleased.',
    ].join('\n\n');
    const names = namesOf(text);
    expect(names).not.toContain('Nissan Navara');
    expect(names).not.toContain('Tesco');
    expect(names).toContain('Gerald Fordham');
    const organizations = condense({
      title: null,
      text,
      url: null,
      byline: null,
      publishedAt: null,
    }).organizations.map((o) => o.name);
    expect(organizations).toContain('Tesco');
  });

  it('takes a name opening with a word for a place or an undertaking for no person', () => {
    const names = namesOf(
      'She studied at Mount Halvoke before joining Project Jonas, a rescue charity. ' +
        'Police named the inquiry Operation Olverin. Port Valmer lost at home. Ada Voss said the team was tired.',
    );
    expect(names).toEqual(['Ada Voss']);
  });

  it('takes a name ending in a word for a newspaper, website or club for no person', () => {
    const names = namesOf(
      'Kelvin Marsh played for Burton Albion until May, the Charlotte Observer reported. ' +
        'Sheff Utd and Daily Online confirmed it. Ada Voss said he was happy.',
    );
    expect(names).toEqual(['Kelvin Marsh', 'Ada Voss']);
  });

  it('takes the place of a peerage and a thing "called" so for no person', () => {
    const names = namesOf(
      'Princess Ilsabet praised her relative, the Duchess of Marbury, on Monday. ' +
        'The robot head is made of a material called Flubbex. Ada Voss said it looked real.',
    );
    expect(names).not.toContain('Marbury');
    expect(names).not.toContain('Flubbex');
  });

  it('takes a religion, or a name ending in its followers, for no person', () => {
    const names = namesOf(
      'Ada Voss met leaders of the Rohingya Muslim minority. Critics said she downplayed radical Islam.',
    );
    expect(names).toEqual(['Ada Voss']);
  });

  it('takes words in Chinese or Japanese script for no name', () => {
    const names = namesOf(
      'The service Safe Protection Network」（SPN）が連携することで、フリーWi-Fiを is new. Ada Voss said it works.',
    );
    expect(names).toEqual(['Ada Voss']);
  });
});

describe('names a list or a form of writing vouches for', () => {
  it('takes a well-known surname used alone, with no cue, for a person', () => {
    const names = namesOf('Critics said the plan would undo Obama’s health law within a year.');
    expect(names).toContain('Obama');
  });

  it('takes a name written with a lowercase particle for a person, though a word of it is ordinary', () => {
    const names = namesOf('The raid killed the plotter Usamo bin Laden in 2011, officials said.');
    expect(names).toContain('Usamo bin Laden');
  });

  it('takes a short form of a given name with the same surname for the same person', () => {
    const names = namesOf(
      'Vice President Joseph R. Marden Jr. spoke first. Later, Joe Marden told reporters the deal was close.',
    );
    expect(names.filter((n) => /Marden/.test(n))).toEqual(['Joseph R. Marden Jr.']);
  });
});
