using System.Collections;

namespace SupportBot.Testing;

/// <summary>
/// What a test captures while the code under test runs on other threads (exporters, background services, Kestrel):
/// adds take a lock, and every read works on a snapshot, so a test can enumerate while a late span, log or request
/// is still arriving ("Collection was modified" cannot happen).
/// </summary>
public sealed class RecordedCollection<T> : ICollection<T>, IReadOnlyList<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public T this[int index]
    {
        get
        {
            lock (_items)
            {
                return _items[index];
            }
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item) => Array.IndexOf(Copy(), item) >= 0;

    public void CopyTo(T[] array, int arrayIndex) => Copy().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    /// <summary>A copy of what has arrived so far; later arrivals do not change it.</summary>
    public IReadOnlyList<T> Snapshot() => Copy();

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Copy()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private T[] Copy()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }
}
