# Exported by AlignDsl {version} from the experiment "test-llama-dpo" (AlignDsl.Tests.EndToEnd.TestLlamaDpo).
# Every setting below comes from the declaration; see README.md for what maps one-to-one and what does not.
#   accelerate launch --config_file accelerate_config.yaml train.py
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from peft import LoraConfig
from trl import DPOConfig, DPOTrainer

config = DPOConfig(
    output_dir="output",
    max_steps=12,
    per_device_train_batch_size=8,
    gradient_accumulation_steps=1,
    learning_rate=0.003,
    lr_scheduler_type="cosine_with_min_lr",
    lr_scheduler_kwargs={"min_lr_rate": 0.1},
    warmup_steps=1,
    optim="adamw_torch",
    adam_beta1=0.9,
    adam_beta2=0.999,
    adam_epsilon=1E-08,
    weight_decay=0.0,
    max_grad_norm=1.0,
    logging_steps=2,
    seed=42,
    data_seed=42,
    report_to="none",
    eval_strategy="no",
    save_strategy="steps",
    save_steps=50,
    save_total_limit=2,
    max_length=64,
    beta=0.1,
    label_smoothing=0.0,
    loss_type=["sigmoid"],
    precompute_ref_log_probs=False,
)
peft_config = LoraConfig(r=8, lora_alpha=16.0, lora_dropout=0.0, target_modules=["q_proj", "v_proj", "o_proj"], task_type="CAUSAL_LM")

tokenizer = AutoTokenizer.from_pretrained("model")
if tokenizer.pad_token is None:
    tokenizer.pad_token = tokenizer.eos_token
data = load_dataset("json", data_files={"train": "data/train.jsonl", "test": "data/eval.jsonl"})
model = AutoModelForCausalLM.from_pretrained("model")
trainer = DPOTrainer(
    model=model,
    args=config,
    train_dataset=data["train"],
    eval_dataset=data["test"],
    processing_class=tokenizer,
    peft_config=peft_config,
)
trainer.train()
trainer.save_model(config.output_dir)
# trainer_state.json: the log history that `import` reads back into a run folder.
trainer.save_state()
tokenizer.save_pretrained(config.output_dir)
