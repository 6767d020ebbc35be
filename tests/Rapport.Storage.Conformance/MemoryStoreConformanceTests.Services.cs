using Rapport.Storage;

namespace Rapport.Storage.Conformance;

public abstract partial class MemoryStoreConformanceTests
{
    [Fact]
    public async Task GetService_TheStoreContract_ReturnsAStoreThatAnswers()
    {
        var store = await OpenStoreAsync();
        await store.RecordAsync([Make("ana", Axis(0))]);

        // Whatever sits behind decorators, asking for the contract yields a working store, never null.
        var found = Assert.IsAssignableFrom<IMemoryStore>(store.GetService(typeof(IMemoryStore)));

        Assert.Single(await found.ListAsync("ana"));
    }

    [Fact]
    public async Task GetService_UnrelatedTypeOrKeyed_ReturnsNull()
    {
        var store = await OpenStoreAsync();

        Assert.Null(store.GetService(typeof(Uri)));
        Assert.Null(store.GetService(typeof(IMemoryStore), "some-key"));
        Assert.Throws<ArgumentNullException>(() => store.GetService(null!));
    }
}
