using System.Collections.Concurrent;

using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Execution;

/// <summary>
/// This instance's executions of one kind, in the order they arrived: one at a time into the database, first come first
/// served, and each told in advance which number it will most likely get, so it can render and seal its PDF before its
/// turn instead of inside the database lock.
/// </summary>
/// <remarks>
/// Nothing here keeps data right: the counter row in the database hands out the numbers, and a draft rendered with a
/// number that turns out wrong is rendered again under the lock. The lane only orders this process's writers fairly
/// (SQLite's busy retry does not, and let some signers wait seconds) and makes good guesses. Guesses go wrong when
/// another instance takes numbers in between; after many misses in a row the lane stops guessing, and tries again
/// every eighth turn.
/// </remarks>
public sealed class ExecutionLane
{
    private const int Window = 16;

    private readonly Lock sync = new();
    private readonly Dictionary<long, TaskCompletionSource> waiting = [];
    private readonly Queue<bool> recent = new();
    private long nextTicket;
    private long serving;
    private (long Ticket, int Year, int Sequence)? last;

    /// <summary>Joins the queue. Every turn taken must end with <see cref="LeaveAsync"/>, or later turns wait forever.</summary>
    public ExecutionTurn Join()
    {
        lock (sync)
        {
            var ticket = nextTicket++;
            var guess = last is { } l ? new NumberGuess(l.Year, l.Sequence + (int)(ticket - l.Ticket)) : null;
            var misses = recent.Count(hit => !hit);
            var speculate = misses <= Window / 2 || ticket % 8 == 0;
            return new ExecutionTurn(ticket, ticket - serving, guess, speculate);
        }
    }

    /// <summary>Waits until every earlier turn of this lane has left.</summary>
    public Task WaitAsync(ExecutionTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        lock (sync)
        {
            if (serving == turn.Ticket)
            {
                return Task.CompletedTask;
            }
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Add(turn.Ticket, signal);
            return signal.Task;
        }
    }

    /// <summary>
    /// Ends a turn (waiting for it first if it never came) and lets the next one in. <paramref name="committed"/> is the
    /// number the turn stored, which the next guesses count on from; <paramref name="draftUsed"/> whether its draft held.
    /// </summary>
    public async Task LeaveAsync(ExecutionTurn turn, (int Year, int Sequence)? committed, bool? draftUsed)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await WaitAsync(turn);
        lock (sync)
        {
            if (committed is { } c)
            {
                last = (turn.Ticket, c.Year, c.Sequence);
            }
            if (draftUsed is { } hit)
            {
                recent.Enqueue(hit);
                if (recent.Count > Window)
                {
                    recent.Dequeue();
                }
            }
            serving = turn.Ticket + 1;
            if (waiting.Remove(serving, out var next))
            {
                next.SetResult();
            }
        }
    }
}

/// <param name="Ahead">How many turns of this lane were queued before this one when it joined.</param>
/// <param name="Guess">The number this turn will get if every earlier turn stores its agreement and no other instance takes one; null before the lane has stored any.</param>
/// <param name="Speculate">Whether a draft is worth rendering before the turn.</param>
public sealed record ExecutionTurn(long Ticket, long Ahead, NumberGuess? Guess, bool Speculate);

public sealed record NumberGuess(int Year, int Sequence);

/// <summary>One lane per kind of agreement, for this process.</summary>
public sealed class ExecutionLanes
{
    private readonly ConcurrentDictionary<AgreementKind, ExecutionLane> lanes = new();

    public ExecutionLane For(AgreementKind kind) => lanes.GetOrAdd(kind, _ => new ExecutionLane());
}
