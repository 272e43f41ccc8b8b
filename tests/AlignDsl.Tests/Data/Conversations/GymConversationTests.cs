using AlignDsl.Chat;
using AlignDsl.Data;
using AlignDsl.Data.Conversations;

namespace AlignDsl.Tests.Data.Conversations;

public sealed class GymConversationTests
{
    [Fact]
    public void The_gym_template_renders_the_gyms_conversations_back_to_its_own_pairs()
    {
        var gym = new Gym(GymTask.HelpfulHarmless, seed: 3);
        var rendered = GymConversations.Render(gym.ConversationalPairs().Train, ConversationFormatter.Gym);
        Assert.Equal(gym.Pairs().Train, rendered);
    }

    [Fact]
    public void A_models_template_frames_the_same_conversations_its_own_way()
    {
        var pair = new Gym(GymTask.HelpfulHarmless, seed: 3).ConversationalPairs().Train[0];
        Assert.Equal(ChatMessage.User, pair.Prompt.Single().Role);
        Assert.DoesNotContain("assistant:", pair.Prompt.Single().Content);
        var rendered = GymConversations.Render([pair], new ConversationFormatter(ChatTemplate.Parse(ChatTemplates.Llama3), "<|begin_of_text|>")).Single();
        Assert.Equal($"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n{pair.Prompt[0].Content}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", rendered.Prompt);
        Assert.Equal($"{pair.Chosen[0].Content}<|eot_id|>", rendered.Chosen);
    }

    [Fact]
    public void Written_conversational_pairs_read_back_as_trl_preference_data()
    {
        var path = Path.GetTempFileName();
        try
        {
            var pairs = new Gym(GymTask.HelpfulHarmless, seed: 3).ConversationalPairs().Train.Take(5).ToList();
            GymConversations.WriteJsonl(pairs, path);
            Assert.All(ConversationalJsonl.Read(path), e => Assert.Equal(TrlShape.Preference, e.Shape));
            Assert.Equal(GymConversations.Render(pairs, ConversationFormatter.Gym).Select(p => p with { Category = "" }), ConversationalJsonl.ReadPairs(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Demonstrations_become_user_assistant_conversations()
    {
        var messages = new Gym(GymTask.HelpfulHarmless, seed: 3).ConversationalDemonstrations(10).Train[0];
        Assert.Equal([ChatMessage.User, ChatMessage.Assistant], messages.Select(m => m.Role));
        Assert.False(messages[1].Content.StartsWith(' '));
    }
}
