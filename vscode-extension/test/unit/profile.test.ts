import * as assert from 'assert';
import {
    durationChoices, parseDuration, profileOptions, ProfileResult, ProfileSettings, profileSummary, recordingDescription, remainingMessage, sampleBase,
} from '../../src/core/profile';

function result(overrides: Partial<ProfileResult>): ProfileResult {
    return {
        html: '', lines: [], samples: 300, stacks: 600, inconsistentStacks: 0, missedSamples: 0, rateReached: 99.6,
        durationSeconds: 3.01, mode: 'wall', ...overrides,
    };
}

/** The message profileOptions refuses the settings with. */
function refusal(settings: ProfileSettings): string | undefined {
    try {
        profileOptions(settings);
        return undefined;
    } catch (error) {
        return (error as Error).message;
    }
}

describe('profile request figures', () => {
    it('reads a typed duration in seconds, and refuses what the server does not record', () => {
        assert.deepStrictEqual(['3', ' 2.5 ', '10 s', '10s', '600'].map(parseDuration), [3, 2.5, 10, 10, 600]);
        assert.deepStrictEqual(['', '0', '601', '-3', 'ten', '3 min'].map(parseDuration), [undefined, undefined, undefined, undefined, undefined, undefined]);
    });

    it('offers 5, 10, 30 and 60 s, with a typed duration first', () => {
        assert.deepStrictEqual(durationChoices(''), [5, 10, 30, 60]);
        assert.deepStrictEqual(durationChoices('3'), [3, 5, 10, 30, 60]);
        assert.deepStrictEqual(durationChoices('30'), [5, 10, 30, 60], 'an offered duration is not repeated');
        assert.deepStrictEqual(durationChoices('soon'), [5, 10, 30, 60]);
    });

    it('counts down the seconds left, then says it reads the last samples', () => {
        assert.deepStrictEqual([0, 200, 1000, 2999, 3000, 4500].map(elapsed => remainingMessage(3, elapsed)),
            ['3 s left', '3 s left', '2 s left', '1 s left', 'reading the last samples', 'reading the last samples']);
    });

    it('measures shares against the stacks in the flame graph: read and consistent', () => {
        assert.strictEqual(sampleBase(result({ stacks: 600, inconsistentStacks: 12 })), 588);
    });

    it('sums up the recording, naming missed samples and inconsistent stacks only when there are some', () => {
        assert.strictEqual(profileSummary(result({})), '300 samples in 3.0 s (wall), 100 Hz reached');
        assert.strictEqual(profileSummary(result({ missedSamples: 4, inconsistentStacks: 2, mode: 'cpu' })),
            '300 samples in 3.0 s (cpu), 100 Hz reached, 4 missed, 2 inconsistent stacks left out');
    });

    it('takes the server\'s defaults for the settings left out', () => {
        const defaults = { rate: 100, mode: 'wall', idle: false, threads: false };
        assert.deepStrictEqual(profileOptions({}), defaults);
        assert.deepStrictEqual(profileOptions({ rate: null, mode: null, idle: null, threads: null }), defaults, 'null in settings.json');
    });

    it('passes the settings on as the request takes them', () => {
        assert.deepStrictEqual(profileOptions({ rate: 1000, mode: 'cpu', idle: true, threads: true }),
            { rate: 1000, mode: 'cpu', idle: true, threads: true });
        assert.deepStrictEqual([0.5, 1_000_000].map(rate => profileOptions({ rate }).rate), [0.5, 1_000_000]);
        assert.deepStrictEqual(['wall', 'cpu', 'gil'].map(mode => profileOptions({ mode }).mode), ['wall', 'cpu', 'gil']);
    });

    it('refuses a setting the server would not take, naming it and what it takes', () => {
        const rate = 'the "pyprobe.profile.rate" setting must be a number of samples per second above 0 and at most 1000000, not';
        assert.deepStrictEqual([0, -5, 1_000_001, '100'].map(value => refusal({ rate: value })),
            [`${rate} 0.`, `${rate} -5.`, `${rate} 1000001.`, `${rate} "100".`]);
        assert.strictEqual(refusal({ mode: 'Wall' }), 'the "pyprobe.profile.mode" setting must be one of "wall", "cpu", "gil", not "Wall".');
        assert.strictEqual(refusal({ idle: 'yes' }), 'the "pyprobe.profile.idle" setting must be true or false, not "yes".');
        assert.strictEqual(refusal({ threads: 1 }), 'the "pyprobe.profile.threads" setting must be true or false, not 1.');
        assert.throws(() => profileOptions({ rate: 0 }), { name: 'ConfigurationError' });
    });

    it('describes the recording, naming only the options that differ from the defaults', () => {
        const defaults = { durationSeconds: 5, rate: 100, mode: 'wall', idle: false, threads: false } as const;
        assert.strictEqual(recordingDescription('PID 123', defaults), 'PID 123 for 5 s');
        assert.strictEqual(recordingDescription('PID 123', { ...defaults, rate: 1000, mode: 'cpu' }), 'PID 123 for 5 s at 1000 Hz, cpu mode');
        assert.strictEqual(recordingDescription('PID 123', { ...defaults, durationSeconds: 2.5, rate: 0.5, idle: true, threads: true }),
            'PID 123 for 2.5 s at 0.5 Hz, idle threads included, one root per thread');
        assert.strictEqual(recordingDescription('PID 123', { ...defaults, mode: 'gil', idle: true }), 'PID 123 for 5 s, gil mode',
            'idle changes only wall mode, so it is not named in another');
    });
});
