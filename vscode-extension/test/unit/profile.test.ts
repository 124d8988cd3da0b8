import * as assert from 'assert';
import { durationChoices, parseDuration, ProfileResult, profileSummary, remainingMessage, sampleBase } from '../../src/core/profile';

function result(overrides: Partial<ProfileResult>): ProfileResult {
    return {
        html: '', lines: [], samples: 300, stacks: 600, inconsistentStacks: 0, missedSamples: 0, rateReached: 99.6,
        durationSeconds: 3.01, mode: 'wall', ...overrides,
    };
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
});
