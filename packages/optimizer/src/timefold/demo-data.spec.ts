import { describe, expect, it } from 'vitest';
import { isoDayOfWeek, parseIsoDate } from './calendar';
import { demoDimensions, generateDemoData } from './demo-data';
import { parseTimefoldMaintenanceProblem } from './parse';

/**
 * Expected jobs come from running the quickstart's generation steps on OpenJDK 17 with
 * java.util.Random(17) and fromDate 2026-11-30.
 */
describe("the quickstart's demo data", () => {
  it('SMALL: 3 crews, 8 weeks, 14 jobs; LARGE: 5 crews, 16 weeks, 48 jobs', () => {
    expect(demoDimensions('SMALL')).toEqual({ crews: 3, weeks: 8, jobs: 14 });
    expect(demoDimensions('LARGE')).toEqual({ crews: 5, weeks: 16, jobs: 48 });
    const small = generateDemoData('SMALL');
    expect(small.crews.map((crew) => crew.name)).toEqual(['Alpha crew', 'Beta crew', 'Gamma crew']);
    expect(small.jobs).toHaveLength(14);
    expect(small.workCalendar).toEqual({ fromDate: '2026-11-30', toDate: '2027-01-25' });
    const large = generateDemoData('LARGE');
    expect(large.crews).toHaveLength(5);
    expect(large.jobs).toHaveLength(48);
    expect(large.workCalendar).toEqual({ fromDate: '2026-11-30', toDate: '2027-03-22' });
  });

  it('names jobs area × target: SMALL uses 6 targets per area, LARGE 8', () => {
    const small = generateDemoData('SMALL').jobs.map((job) => job.name);
    expect(small.slice(5, 7)).toEqual(['Downtown Avenue', 'Uptown Street']);
    expect(small[13]).toBe('Park Bridge');
    const large = generateDemoData('LARGE').jobs.map((job) => job.name);
    expect(large[7]).toBe('Downtown Plaza');
    expect(large[47]).toBe('Hill Plaza');
  });

  it('draws the same jobs as the JVM under v1 (the 1.x quickstart)', () => {
    const jobs = generateDemoData('SMALL', { endDateRule: 'v1' }).jobs;
    expect(jobs[0]).toEqual({
      id: '0',
      name: 'Downtown Street',
      durationInDays: 7,
      readyDate: '2026-12-01',
      dueDate: '2027-01-14',
      idealEndDate: '2027-01-11',
      tags: ['Downtown', 'Subway'],
    });
    expect(jobs[1]).toMatchObject({
      durationInDays: 5,
      readyDate: '2026-11-30',
      dueDate: '2027-01-04',
      idealEndDate: '2026-12-29',
      tags: ['Downtown'],
    });
    expect(jobs.filter((job) => job.tags.includes('Subway'))).toHaveLength(2);
  });

  it('draws the same jobs as the JVM under v2, whose dates can fall on a Saturday', () => {
    const small = generateDemoData('SMALL', { endDateRule: 'v2' }).jobs;
    expect(small[0]).toMatchObject({ readyDate: '2026-12-01', dueDate: '2027-01-14', idealEndDate: '2027-01-09' });
    expect(small[1]).toMatchObject({ dueDate: '2027-01-02' }); // a Saturday: the day after a Friday
    const large = generateDemoData('LARGE', { endDateRule: 'v2' }).jobs;
    expect(large[0]).toMatchObject({ durationInDays: 7, readyDate: '2027-01-07', dueDate: '2027-02-10', idealEndDate: '2027-02-05' });
    expect(large[1]).toMatchObject({ durationInDays: 5, readyDate: '2026-12-04', dueDate: '2027-03-19', idealEndDate: '2027-03-13' });
    expect(large.filter((job) => job.tags.includes('Subway'))).toHaveLength(7);
  });

  it('under v1 every generated date is a workday', () => {
    for (const size of ['SMALL', 'LARGE'] as const) {
      for (const job of generateDemoData(size, { endDateRule: 'v1' }).jobs) {
        for (const date of [job.readyDate, job.dueDate, job.idealEndDate])
          expect(isoDayOfWeek(parseIsoDate(date!)!)).toBeLessThanOrEqual(5);
      }
    }
  });

  it('gives 1–10 day jobs with at least 5 workdays of slack, and passes its own parser', () => {
    const problem = generateDemoData('LARGE', { endDateRule: 'v1' });
    expect(parseTimefoldMaintenanceProblem(JSON.parse(JSON.stringify(problem)))).toEqual(problem);
    for (const job of problem.jobs) {
      expect(job.durationInDays).toBeGreaterThanOrEqual(1);
      expect(job.durationInDays).toBeLessThanOrEqual(10);
      expect(job.idealEndDate! < job.dueDate!).toBe(true);
    }
  });

  it('shifts with the first Monday and refuses another weekday', () => {
    const later = generateDemoData('SMALL', { fromDate: '2026-12-07' });
    expect(later.jobs[0]!.readyDate).toBe('2026-12-08');
    expect(() => generateDemoData('SMALL', { fromDate: '2026-12-08' })).toThrow(/Monday/);
  });
});
