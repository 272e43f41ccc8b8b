# Exported by AlignDsl {version} from the experiment "test-grpo-export" (AlignDsl.Tests.Export.TestGrpoExport).
# Every setting below comes from the declaration; see README.md for what maps one-to-one and what does not.
#   accelerate launch --config_file accelerate_config.yaml train.py
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import GRPOConfig, GRPOTrainer

config = GRPOConfig(
    output_dir="output",
    max_steps=60,
    per_device_train_batch_size=32,
    gradient_accumulation_steps=1,
    learning_rate=1E-05,
    lr_scheduler_type="cosine_with_min_lr",
    lr_scheduler_kwargs={"min_lr_rate": 0.1},
    warmup_steps=10,
    optim="adamw_torch",
    adam_beta1=0.9,
    adam_beta2=0.999,
    adam_epsilon=1E-08,
    weight_decay=0.0,
    max_grad_norm=1.0,
    logging_steps=20,
    seed=42,
    data_seed=42,
    report_to="none",
    eval_strategy="no",
    save_strategy="steps",
    save_steps=100,
    save_total_limit=2,
    num_generations=4,
    beta=0.04,
    epsilon=0.2,
    num_iterations=2,
    max_completion_length=16,
    temperature=1.0,
    top_p=1.0,
    reward_weights=[0.5],
    loss_type="dr_grpo",
    scale_rewards="none",
)

tokenizer = AutoTokenizer.from_pretrained("model")
if tokenizer.pad_token is None:
    tokenizer.pad_token = tokenizer.eos_token
data = load_dataset("json", data_files={"train": "data/train.jsonl", "test": "data/eval.jsonl"})
model = AutoModelForCausalLM.from_pretrained("model")
trainer = GRPOTrainer(
    model=model,
    reward_funcs="reward_model",
    args=config,
    train_dataset=data["train"],
    eval_dataset=data["test"],
    processing_class=tokenizer,
)
trainer.train()
trainer.save_model(config.output_dir)
# trainer_state.json: the log history that `import` reads back into a run folder.
trainer.save_state()
tokenizer.save_pretrained(config.output_dir)
