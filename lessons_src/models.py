"""The networks of chapters 3 and 4.

``MLP`` and ``CNN`` are the source course's two structures: a multilayer
perceptron with two sigmoid hidden layers of 10 units, and two 5x5
convolutions (20 channels, ReLU, 2x2 max pooling) before one linear layer.
``CNN(num_outputs=1)`` is the regression network of chapter 3;
``CNN(num_outputs=10)`` returns the logits of the classifier of chapter 4.
"""

import paddle
import paddle.nn.functional as F
from paddle import nn


class MLP(nn.Layer):
    """784 -> 10 -> 10 -> 1 with sigmoid hidden layers; a regression output
    (chapter 3)."""

    def __init__(self, hidden: int = 10, num_outputs: int = 1):
        super().__init__()
        self.fc1 = nn.Linear(784, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, num_outputs)

    def forward(self, images: paddle.Tensor) -> paddle.Tensor:
        x = paddle.flatten(images, start_axis=1)
        x = F.sigmoid(self.fc1(x))
        x = F.sigmoid(self.fc2(x))
        return self.fc3(x)


class CNN(nn.Layer):
    """Conv(1->20, 5x5) -> ReLU -> MaxPool 2 -> Conv(20->20, 5x5) -> ReLU ->
    MaxPool 2 -> Linear (chapters 3-4).

    The output has ``num_outputs`` raw scores: 1 for regression (chapter 3), 10
    logits for classification (chapter 4; no softmax here, the loss applies
    it).
    """

    def __init__(self, num_outputs: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2D(
            in_channels=1, out_channels=20, kernel_size=5, stride=1, padding=2
        )
        self.pool1 = nn.MaxPool2D(kernel_size=2, stride=2)
        self.conv2 = nn.Conv2D(
            in_channels=20, out_channels=20, kernel_size=5, stride=1, padding=2
        )
        self.pool2 = nn.MaxPool2D(kernel_size=2, stride=2)
        self.fc = nn.Linear(in_features=980, out_features=num_outputs)

    def forward(self, images: paddle.Tensor) -> paddle.Tensor:
        x = self.pool1(F.relu(self.conv1(images)))
        x = self.pool2(F.relu(self.conv2(x)))
        return self.fc(paddle.flatten(x, start_axis=1))


class DropoutCNN(CNN):
    """The classification CNN with dropout before its last layer (chapter 8).

    Dropout draws a random mask at every training step, so an exact resume must
    also restore Paddle's random-number state.
    """

    def __init__(self, num_outputs: int = 10, dropout: float = 0.3):
        super().__init__(num_outputs=num_outputs)
        self.dropout = nn.Dropout(dropout)

    def forward(self, images: paddle.Tensor) -> paddle.Tensor:
        x = self.pool1(F.relu(self.conv1(images)))
        x = self.pool2(F.relu(self.conv2(x)))
        return self.fc(self.dropout(paddle.flatten(x, start_axis=1)))
