using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace RealLibraries.Workload;

/// <summary>Newtonsoft.Json through its main doors: serializer, LINQ to JSON, reader, writer, paths, errors.</summary>
public static class JsonWorkload
{
    public static IEnumerable<(string Name, Func<object?> Step)> Steps()
    {
        Order order = Order.Sample();
        var settings = new JsonSerializerSettings
        {
            Formatting = Formatting.Indented,
            ContractResolver = new CamelCasePropertyNamesContractResolver(),
            Converters = { new StringEnumConverter() },
            NullValueHandling = NullValueHandling.Include,
            DateFormatHandling = DateFormatHandling.IsoDateFormat,
        };
        yield return ("serialize", () => JsonConvert.SerializeObject(order, settings));
        yield return ("serialize-default", () => JsonConvert.SerializeObject(order));
        yield return ("round-trip", () =>
        {
            string text = JsonConvert.SerializeObject(order, settings);
            Order back = JsonConvert.DeserializeObject<Order>(text, settings)!;
            return JsonConvert.SerializeObject(back);
        });
        yield return ("typed-collections", () => JsonConvert.DeserializeObject<Dictionary<string, List<int?>>>("{\"a\":[1,null,3],\"b\":[]}")!
            .Select(p => p.Key + "=" + string.Join(",", p.Value)).Aggregate("", (a, b) => a + ";" + b));
        yield return ("jobject", () =>
        {
            JObject root = JObject.Parse("{\"name\":\"x\",\"items\":[{\"id\":1,\"tags\":[\"a\",\"b\"]},{\"id\":2,\"tags\":[]}],\"when\":\"2020-02-29T12:00:00Z\",\"n\":1.5e3}");
            root["added"] = new JArray(1, 2, new JObject(new JProperty("deep", true)));
            root.Remove("n");
            return root.ToString(Formatting.None) + " | " + string.Join(",", root.SelectTokens("$.items[*].id").Select(t => (int)t!))
                + " | " + root.SelectToken("items[0].tags[1]") + " | " + root.Descendants().Count();
        });
        yield return ("linq-query", () =>
        {
            JArray array = JArray.FromObject(Enumerable.Range(1, 40).Select(i => new { i, square = i * i, odd = i % 2 == 1 }));
            return string.Join(",", array.Children<JObject>().Where(o => (bool)o["odd"]!).Select(o => (long)o["square"]!).Take(10));
        });
        yield return ("reader", () =>
        {
            using var reader = new JsonTextReader(new StringReader("[1, 2.5, \"three\", true, null, {\"k\": [false]}, -7e2, \"\\u00e9\\n\"]"));
            var tokens = new List<string>();
            while (reader.Read())
                tokens.Add($"{reader.TokenType}:{reader.Value}@{reader.Depth}");
            return string.Join(" ", tokens);
        });
        yield return ("writer", () =>
        {
            var text = new StringWriter();
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 3 })
            {
                writer.WriteStartObject();
                writer.WritePropertyName("when");
                writer.WriteValue(new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
                writer.WritePropertyName("list");
                writer.WriteStartArray();
                for (int i = 0; i < 5; i++)
                    writer.WriteValue(i * 1.25);
                writer.WriteEndArray();
                writer.WritePropertyName("guid");
                writer.WriteValue(new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"));
                writer.WriteEndObject();
            }
            return text.ToString();
        });
        yield return ("bad-json", () => JObject.Parse("{\"a\": [1, 2,}"));
        yield return ("bad-type", () => JsonConvert.DeserializeObject<Order>("{\"Quantity\": \"many\"}"));
        yield return ("missing-member", () => JsonConvert.DeserializeObject<Order>("{\"Nope\": 1}",
            new JsonSerializerSettings { MissingMemberHandling = MissingMemberHandling.Error }));
        yield return ("dynamic-ish", () =>
        {
            var token = JToken.FromObject(new Dictionary<string, object?> { ["x"] = 1, ["y"] = new[] { "a" }, ["z"] = null });
            return token.Type + ":" + token.ToString(Formatting.None) + ":" + JToken.DeepEquals(token, token.DeepClone());
        });
        yield return ("schema-ish", () =>
        {
            var merged = JObject.Parse("{\"a\":1,\"b\":{\"c\":[1]}}");
            merged.Merge(JObject.Parse("{\"b\":{\"c\":[2],\"d\":3},\"e\":null}"), new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Union });
            return merged.ToString(Formatting.None);
        });
    }

    /// <summary>A hot path for the tracer: many small parses.</summary>
    public static long HotLoop(int iterations)
    {
        long sum = 0;
        for (int i = 0; i < iterations; i++)
            sum += JToken.Parse("[" + i + "," + (i * 2) + "]").Sum(t => (long)t);
        return sum;
    }
}

public enum Status { Pending, Shipped, Cancelled }

public sealed class Order
{
    public int Id { get; set; }
    public string? Customer { get; set; }
    public Status Status { get; set; }
    public DateTime Placed { get; set; }
    public DateTimeOffset? Shipped { get; set; }
    public decimal Total { get; set; }
    public int Quantity { get; set; }
    public List<Line> Lines { get; set; } = [];
    public Dictionary<string, string> Notes { get; set; } = [];
    public Guid Reference { get; set; }
    public TimeSpan Window { get; set; }
    public byte[]? Blob { get; set; }

    public static Order Sample() => new()
    {
        Id = 42,
        Customer = "Zoë \"Q\" O'Neil",
        Status = Status.Shipped,
        Placed = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc),
        Shipped = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(2)),
        Total = 1234.5678m,
        Quantity = 3,
        Lines = [new Line { Sku = "A-1", Price = 1.5, Tags = ["x", "y"] }, new Line { Sku = "B-2", Price = double.Epsilon, Tags = [] }],
        Notes = new() { ["gift"] = "yes", ["empty"] = "" },
        Reference = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        Window = TimeSpan.FromMinutes(90.5),
        Blob = [0, 1, 2, 255],
    };
}

public sealed class Line
{
    public string Sku { get; set; } = "";
    public double Price { get; set; }
    public List<string> Tags { get; set; } = [];
}
