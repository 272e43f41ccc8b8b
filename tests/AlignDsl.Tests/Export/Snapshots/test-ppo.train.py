# Exported by AlignDsl {version} from the experiment "test-ppo" (AlignDsl.Tests.EndToEnd.TestPpo).
# Every setting below comes from the declaration; see README.md for what maps one-to-one and what does not.
#   accelerate launch --config_file accelerate_config.yaml train.py
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer
from trl.experimental.ppo import PPOConfig, PPOTrainer

config = PPOConfig(
    output_dir="output",
    per_device_train_batch_size=32,
    gradient_accumulation_steps=1,
    learning_rate=3E-05,
    lr_scheduler_type="cosine_with_min_lr",
    lr_scheduler_kwargs={"min_lr_rate": 0.1},
    warmup_steps=5,
    optim="adamw_torch",
    adam_beta1=0.9,
    adam_beta2=0.999,
    adam_epsilon=1E-08,
    weight_decay=0.0,
    max_grad_norm=1.0,
    logging_steps=10,
    seed=42,
    data_seed=42,
    report_to="none",
    eval_strategy="no",
    save_strategy="steps",
    save_steps=50,
    save_total_limit=2,
    total_episodes=1920,
    kl_coef=0.05,
    kl_estimator="k1",
    cliprange=0.2,
    cliprange_value=0.2,
    vf_coef=0.1,
    num_ppo_epochs=2,
    num_mini_batches=1,
    response_length=20,
    gamma=1.0,
    lam=0.95,
    whiten_rewards=False,
    sft_model_path="model",
    reward_model_path="reward_model",
)

tokenizer = AutoTokenizer.from_pretrained("model")
if tokenizer.pad_token is None:
    tokenizer.pad_token = tokenizer.eos_token
data = load_dataset("json", data_files={"train": "data/train.jsonl", "test": "data/eval.jsonl"})

def tokenize(row):
    return {"input_ids": tokenizer(row["prompt"], add_special_tokens=False)["input_ids"]}

data = data.map(tokenize, remove_columns=["prompt"])
policy = AutoModelForCausalLM.from_pretrained(config.sft_model_path)
reference = AutoModelForCausalLM.from_pretrained(config.sft_model_path)
# The value model starts from the reward model, body and head, as locally.
value_model = AutoModelForSequenceClassification.from_pretrained(config.reward_model_path, num_labels=1)
reward_model = AutoModelForSequenceClassification.from_pretrained(config.reward_model_path, num_labels=1)
trainer = PPOTrainer(
    args=config,
    processing_class=tokenizer,
    model=policy,
    ref_model=reference,
    reward_model=reward_model,
    value_model=value_model,
    train_dataset=data["train"],
    eval_dataset=data["test"],
)
trainer.train()
trainer.save_model(config.output_dir)
# trainer_state.json: the log history that `import` reads back into a run folder.
trainer.save_state()
tokenizer.save_pretrained(config.output_dir)
